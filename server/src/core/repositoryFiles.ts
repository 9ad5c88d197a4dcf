// What a repository holds around a file: the folders up to its root, the patterns its .gitignore
// files ignore, and the text of its build scripts and CI workflows. Checks that find a file
// missing ask these before saying so: a path Git ignores is one each clone makes for itself, and
// a name a script mentions may be made or copied in before the build or the start.
import type { FileAccess } from './languageService';
import { isIgnored, parseDockerignore, type IgnorePattern } from './ignorePatterns';

/**
 * The patterns of the .gitignore files from the context folder up to the repository's root (the
 * folder with .git), as dockerignore patterns: a gitignore pattern without a slash matches at any
 * depth, so it gets a leading double star; one with a slash is relative to its own folder, so only
 * the context folder's are kept. With `filesOnly`, for asking about files, the patterns that end in
 * a slash (folders only, in Git) are left out.
 */
export function gitignorePatterns(files: FileAccess, folderUri: string, filesOnly = false): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  let folder = folderUri;
  for (let level = 0; level < 4; level++) {
    const text = files.readText(`${folder}/.gitignore`);
    if (text !== undefined) {
      const lines: string[] = [];
      // The context folder as seen from this one (deployment/ for the root's file), to re-base its anchored patterns.
      const below = folderUri === folder ? '' : `${folderUri.slice(folder.length + 1)}/`;
      for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
        if (line === '' || line.startsWith('#')) continue;
        // A pattern ending in / ignores folders only: `.env/` leaves a file .env committed (round 28).
        if (filesOnly && line.endsWith('/')) continue;
        const negated = line.startsWith('!');
        const body = negated ? line.slice(1) : line;
        // An anchored pattern is relative to its own folder: one of a folder above is kept where it
        // names a path under the context folder (deployment/runtime/ for deployment/: runtime/).
        if (level > 0 && body.replace(/\/$/, '').includes('/')) {
          for (const rebased of rebase(body.replace(/^\//, ''), below)) lines.push(`${negated ? '!' : ''}${rebased}`);
        } else {
          lines.push(ownLine(line));
        }
      }
      // The nearer file decides: it comes last, as in Git.
      patterns.unshift(...parseDockerignore(lines.join('\n')));
    }
    const slash = folder.lastIndexOf('/');
    if (files.exists(`${folder}/.git`) || slash <= folder.indexOf('://') + 2) break;
    folder = folder.slice(0, slash);
  }
  return patterns;
}

/** A .gitignore line as a dockerignore pattern of its own folder: with a slash, anchored there; without, at any depth. */
function ownLine(line: string): string {
  const negated = line.startsWith('!');
  const body = negated ? line.slice(1) : line;
  return `${negated ? '!' : ''}${body.replace(/\/$/, '').includes('/') ? body.replace(/^\//, '') : `**/${body}`}`;
}

/**
 * Whether a .gitignore in one of the folders on the way from the folder to `path` ignores it: a
 * folder kept in Git for files each clone makes (round 82: certs/.gitignore holding `**` and
 * `!.gitignore`, the certificates a test script makes).
 */
export function ignoredWithin(files: FileAccess, folderUri: string, path: string): boolean {
  const segments = path.split('/');
  for (let k = 1; k < segments.length && k <= 4; k++) {
    const text = files.readText(`${folderUri}/${segments.slice(0, k).join('/')}/.gitignore`);
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    if (isIgnored(parseDockerignore(lines.map(ownLine).join('\n')), segments.slice(k).join('/'))) return true;
  }
  return false;
}

/**
 * A pattern of a .gitignore in a folder above, as patterns for the folder `below` it (`deployment/`):
 * an anchored one where it names a path under that folder (`deployment/runtime/` gives `runtime/`),
 * its leading segments matched one by one (a leading `*` holds for any folder); one that starts
 * with a `**` segment holds in every folder below, and where its next segments match the last ones
 * of `below`, for what follows them too (round 39: the root's `**` `*` `*.env` ignores
 * `src/go/.devcontainer/.env`).
 */
function rebase(path: string, below: string): string[] {
  if (!below) return [];
  const folders = below.slice(0, -1).split('/');
  const segments = path.replace(/\/$/, '').split('/');
  const slash = path.endsWith('/') ? '/' : '';
  const rest = (from: number) => `${segments.slice(from).join('/')}${slash}`;
  if (segments[0] !== '**') {
    // Anchored: each leading segment must match the folder at its depth, and something must be left.
    if (segments.length <= folders.length || segments.slice(0, folders.length).some((p, k) => p === '**' || !segmentMatches(p, folders[k]!))) return [];
    return [rest(folders.length)];
  }
  const out = [path];
  const tail = segments.slice(1);
  if (tail.includes('**')) return out;
  // `**/a/b/c`: a, or a and b, may be the last folders of `below`.
  for (let j = 1; j < tail.length && j <= folders.length; j++) {
    if (tail.slice(0, j).every((p, k) => segmentMatches(p, folders[folders.length - j + k]!))) out.push(rest(1 + j));
  }
  return out;
}

/** Whether a gitignore segment (with * ? [...]) matches one folder name. */
function segmentMatches(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return false;
  }
}

/** Scripts that may put files in place before a build or a start: shell scripts, Makefiles, task files, a `start` or `deploy` without extension (CI workflows are read too). */
const SCRIPT = /\.(sh|bash|ps1|mk|cmd|bat)$|^(makefile|gnumakefile|justfile|taskfile\.ya?ml|start|run|setup|bootstrap|install|deploy|init|build|up)$/i;

/** Folders of scripts beside a project's files. */
const SCRIPT_FOLDERS = ['scripts', 'script', 'bin', 'tools', '.scripts', 'ops'];

/** The folders from `folderUri` up to the repository's root (the folder with .git), at most six. */
export function foldersUp(files: FileAccess, folderUri: string): string[] {
  const out: string[] = [];
  let folder: string | undefined = folderUri;
  for (let level = 0; folder && level < 6; level++) {
    out.push(folder);
    if (files.exists(`${folder}/.git`)) break;
    const slash = folder.lastIndexOf('/');
    folder = slash > folder.indexOf('://') + 3 ? folder.slice(0, slash) : undefined;
  }
  return out;
}

/**
 * The text of the scripts in these folders and in the repository's CI workflows, read once per
 * validation: a build script that copies a file into the context before docker build
 * (`cp ../requirements.txt fastapi/`) names it (round 22: blackboard's build.sh).
 */
export function scriptsText(files: FileAccess, folders: readonly string[], list: (folder: string) => string[], pipelines: (text: string) => string = makingLines): string {
  const texts = boundedReader(files, 40);
  for (const folder of folders) {
    for (const name of list(folder)) if (SCRIPT.test(name)) texts.read(`${folder}/${name}`);
    // And the folders projects keep their scripts in (deployment/scripts/render_config.sh).
    for (const sub of SCRIPT_FOLDERS) {
      if (!list(folder).includes(sub)) continue;
      for (const name of list(`${folder}/${sub}`)) if (SCRIPT.test(name)) texts.read(`${folder}/${sub}/${name}`);
    }
  }
  // CI pipelines, which may write a file from a secret before docker build (round 29: CircleCI
  // decoding $AWS_CREDENTIALS into ./aws_credentials). At the repository's root, and in each folder
  // on the way where there is no .git to say which is the root (a copy of the files). Only their
  // lines that make files count: a pipeline also names the files it reads (a build action's
  // `file: ./Dockerfile.production`), which does not make them (unless `pipelines` keeps more).
  for (const folder of folders) {
    const names = list(folder);
    if (names.includes('.github')) for (const name of list(`${folder}/.github/workflows`).slice(0, 20)) if (/\.ya?ml$/.test(name)) texts.read(`${folder}/.github/workflows/${name}`, true, pipelines);
    for (const name of names) if (CI_FILE.test(name)) texts.read(`${folder}/${name}`, true, pipelines);
    if (names.includes('.circleci')) for (const name of list(`${folder}/.circleci`).slice(0, 20)) if (/\.ya?ml$/.test(name)) texts.read(`${folder}/.circleci/${name}`, true, pipelines);
  }
  return texts.text();
}

/**
 * The build arguments the repository's scripts and CI pipelines pass to kaniko (`/kaniko/executor
 * --build-arg CI_REGISTRY=...`), which, unlike BuildKit, also puts them into a FROM that declares
 * no ARG for them (round 38: a GitLab pipeline's registry variable). Empty where nothing runs kaniko.
 */
export function kanikoBuildArgs(files: FileAccess, folders: readonly string[], list: (folder: string) => string[]): Set<string> {
  const text = scriptsText(files, folders, list, (t) => t);
  const out = new Set<string>();
  if (!/kaniko/i.test(text)) return out;
  for (const m of text.matchAll(/--build-arg[\s=]+["']?([A-Za-z_]\w*)/g)) out.add(m[1]!);
  return out;
}

/** Commands that make or bring a file or folder: a redirection, a copy, a download, an unpacking. */
const MAKES = /[^<>-]>|\b(cp|mv|touch|tee|ln|rsync|install|unzip|tar|envsubst|curl|wget|git\s+(clone|submodule)|gsutil|s3\s+cp|scp|openssl|ssh-keygen|base64|gpg|sops|make|mkdir)\b|\s--output(-dir)?[\s=]/;

function makingLines(text: string): string {
  return text.split('\n').filter((line) => MAKES.test(line)).join('\n');
}

/** Pipelines of CI systems at a repository's root. */
const CI_FILE = /^(\.gitlab-ci\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|Jenkinsfile|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|\.woodpecker\.ya?ml)$/;

/**
 * Reads files into one text, bounded: at most `count` files (CI workflows beyond it), 128 KB of
 * each and 1 MB in all; `keep` filters each file's text.
 */
function boundedReader(files: FileAccess, count: number, keep: (text: string) => string = (text) => text) {
  const texts: string[] = [];
  let total = 0;
  return {
    read(uri: string, beyondCount = false, filter: (text: string) => string = keep): void {
      if (!beyondCount && texts.length >= count) return;
      const text = files.readText(uri);
      if (text !== undefined && (total += Math.min(text.length, 128 * 1024)) <= 1024 * 1024) texts.push(filter(text.slice(0, 128 * 1024)));
    },
    text: () => texts.join('\n'),
  };
}

/** Notes that tell a user what to set up: READMEs, other Markdown, and the text files of a docs folder. */
const NOTE = /^readme|\.(md|markdown|rst|txt|adoc)$/i;
const DOC_FOLDERS = new Set(['doc', 'docs', 'documentation', 'wiki']);

/**
 * The text of the notes in these folders and in their docs folders (Doc/, docs/), read once per
 * validation and bounded: a README that says to create a file or copy an example (`cp
 * .env.example .env`, "config.yaml holds your credentials and is not in the repository") has told
 * the user already (round 25: 21 of 25 missing-file and env-example findings judged noise).
 */
export function notesText(files: FileAccess, folders: readonly string[], list: (folder: string) => string[]): string {
  const texts = boundedReader(files, 30, withoutPastedConfig);
  for (const folder of folders) {
    const names = list(folder);
    for (const name of names) if (NOTE.test(name) && !/^(requirements|constraints|license|cmakelists)/i.test(name)) texts.read(`${folder}/${name}`);
    for (const sub of names) {
      if (!DOC_FOLDERS.has(sub.toLowerCase())) continue;
      for (const name of list(`${folder}/${sub}`)) if (NOTE.test(name)) texts.read(`${folder}/${sub}/${name}`);
    }
  }
  return texts.text();
}

/**
 * A note without the compose or Dockerfile lines pasted into it (`- ./docker/db/my.cnf:/etc/mysql/my.cnf`,
 * `env_file: .env`, `COPY data ./data`): those repeat the path, they do not say how it is made
 * (round 26: a README holding the compose file).
 */
function withoutPastedConfig(text: string): string {
  return text.split('\n').filter((line) => !/[\w.-]:\/[\w$]/.test(line) && !/^\s*(-\s*)?(env_file|file|path|context|dockerfile|source|target)\s*:/.test(line) && !/^\s*(COPY|ADD)\s/.test(line)).join('\n');
}

/** Words of a note that tells the reader to make or provide a file, or says why it is not there. */
const SETUP_WORDS = /\b(create|creating|copy|copying|cp|generate|make|add|put|place|provide|download|clone|rename|mv|touch|fill|edit|set ?up|setup|credentials?|secrets?|not (included|in the repo\w*|committed|tracked|provided|versioned)|(do|does|did)(n't| not) (version|commit|track|include|ship)|git-?ignored|ignored by git|your own|yourself)\b/i;

/**
 * Whether the notes name the file where they say to make or provide it (`cp .env.example .env`,
 * "config.yaml holds your credentials and is not in the repository"), on its line or the next: a
 * README that only lists the file in a tree or a table has not said how to get it (round 27).
 */
export function notesSayToMake(notes: string, path: string): boolean {
  // A folder's bare name (voice of integrations/voice) is a common word: the notes must name its folder too (round 39).
  const segments = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '').split('/');
  const last = segments.pop() ?? '';
  const name = segments.length > 0 && !last.includes('.') ? `${segments[segments.length - 1]}/${last}` : last;
  if (name === '' || notes === '' || !notes.includes(name)) return false;
  const lines = notes.split('\n');
  const word = namePattern(name, '');
  const setup = (line: string | undefined) => line !== undefined && (SETUP_WORDS.test(line) || SETUP_WORDS_OTHER.test(line));
  // Its line, or another of its paragraph (up to 6 lines each way, to a blank line): round 41's
  // "Config files go in volumes/cnf/ (copy the docker/*.cnf.example files): a, b, c, d, and the
  // downloader config for your profile: e for local, f for vpn" names e and f three lines below the copy.
  // A bare word (sentry, cron) keeps to its line and the next or previous: prose names such words
  // everywhere, a file name (x.cnf) only where it means the file.
  const reach = name.includes('.') ? 6 : 1;
  return lines.some((line, k) => {
    if (!word.test(line)) return false;
    if (setup(line)) return true;
    for (const step of [-1, 1]) {
      for (let j = k + step, n = 0; n < reach && j >= 0 && j < lines.length && lines[j]!.trim() !== ''; j += step, n++) if (setup(lines[j])) return true;
    }
    return false;
  });
}

/**
 * The same words in the other languages READMEs are often written in (round 30: a Russian README
 * saying to create .env). Without \b, which JavaScript gives only for ASCII words.
 */
const SETUP_WORDS_OTHER = /(\u0441\u043e\u0437\u0434\u0430[\u0442\u0439\u0432]|\u0441\u043a\u043e\u043f\u0438\u0440|\u043f\u0435\u0440\u0435\u0438\u043c\u0435\u043d|\u0437\u0430\u043f\u043e\u043b\u043d|\u521b\u5efa|\u65b0\u5efa|\u590d\u5236|\u62f7\u8d1d|\u4f5c\u6210|\u30b3\u30d4\u30fc|crea[rn]?\s|cree\s|copi[ae]r?\s|renombr|cri[ae]r?\s|renomear|cr\u00e9(er|ez)\s|copie[rz]\s|renomme|erstell|kopier|anlegen|lege\s)/i;

/**
 * The folders Git submodules are checked out into, from the .gitmodules of these folders: empty in
 * a clone made without --recursive until `git submodule update --init` (round 34: a compose
 * file's build context in a submodule).
 */
export function submoduleFolders(files: FileAccess, folders: readonly string[]): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    const text = files.readText(`${folder}/.gitmodules`);
    if (text === undefined) continue;
    for (const m of text.slice(0, 64 * 1024).matchAll(/^[ \t]*path[ \t]*=[ \t]*(.+?)[ \t]*$/gm)) out.push(`${folder}/${m[1]!.replace(/^\.\/|\/+$/g, '')}`);
  }
  return out;
}

/** The name of the submodule folder (of `submoduleFolders`) that holds a URI, or undefined. */
export function submoduleHolding(submodules: readonly string[], uri: string): string | undefined {
  const folder = submodules.find((s) => uri === s || uri.startsWith(`${s}/`));
  return folder === undefined ? undefined : folder.slice(folder.lastIndexOf('/') + 1);
}

/** Whether a script text names something (as a word: an image `go-base` in `docker build -t go-base .`), anywhere. */
export function mentions(scripts: string, name: string): boolean {
  if (name === '' || scripts === '') return false;
  return namePattern(name, 'm').test(scripts);
}

/**
 * Whether a script text names a path (its last part as a word: `requirements.txt` in `cp
 * ../requirements.txt fastapi/`) where it may make or bring it. Not in a comment, a test that it
 * exists, nor a copy out of the script's own folder (`cp "$SCRIPT_DIR/executor.py" "$AGENT_DIR/"`):
 * those expect the file to be there already (round 39: an installer beside the Dockerfile). A last
 * part without a dot (a folder, most often: integrations/voice) is a common word, so it counts only
 * with its folder (integrations/voice) or on a line that makes folders or fetches (mkdir, git
 * clone, cp, curl...): round 39's "Natural voice synthesis" in a script hid three build contexts.
 */
export function mayMake(scripts: string, path: string): boolean {
  const segments = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '').split('/');
  const name = segments.pop() ?? '';
  if (name === '' || scripts === '') return false;
  const parent = segments.length > 0 && !name.includes('.') ? segments[segments.length - 1] : undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const match of scripts.matchAll(namePattern(name, 'gm'))) {
    const from = scripts.lastIndexOf('\n', match.index) + 1;
    // From the name's end: the character the pattern takes after it may be the line's newline.
    const to = scripts.indexOf('\n', match.index + match[1]!.length + name.length);
    const line = scripts.slice(from, to < 0 ? scripts.length : to);
    if (/^\s*(#|\/\/|rem\s|::)/i.test(line)) continue;
    const expecting = line
      .replace(new RegExp(`(\\[\\[?|\\btest)\\s+!?\\s*-[efsdrx]\\s+"?[^\\s"\\]]*${escaped}"?`, 'g'), '')
      .replace(new RegExp(`^(\\s*(sudo\\s+)?(cp|mv|rsync|install)\\b[^\\n]*?)"?\\$(\\{?(SCRIPT_?DIR|SCRIPT_PATH|DIR|BASE_?DIR|HERE)\\}?|\\(dirname [^)]*\\))/${escaped}"?`, 'i'), '$1');
    if (!namePattern(name, '').test(expecting) || !mayLandHere(expecting, name, [...segments, name].join('/'))) continue;
    if (parent === undefined || expecting.includes(`${parent}/${name}`) || MAKES.test(expecting)) return true;
  }
  return false;
}

/**
 * Whether a line names the path somewhere it may put it in the repository: not only at an absolute
 * path or under a variable's folder other than the path itself (`uv export > "$BUILD_DIR/opt/tomo/
 * backend/requirements.txt"`, a package's staging tree), nor as what a copy reads (`cp
 * backend/requirements.txt release/`): round 40, where those hid a missing COPY source.
 */
/** Options and words after which a path is read or run, not written (python manage.py, round 55). */
// (Also an interpreter named by a variable, $(PYTHON) main.py in a Makefile, `uv run`, `go run`,
// Windows' py launcher and PowerShell's -ArgumentList and -Path: round 60.)
const READS_NEXT = /^(-r|--requirements?|-c|--constraint|--env-file|--file|--config|-f|<|cat|source|\.|python[\d.]*|node|ruby|php|perl|bash|sh|deno|bun|tsx|ts-node|run|py|-argumentlist|-path|\$[({]?(PYTHON|PY|NODE|PHP|RUBY|PERL|BASH|SHELL|SH)\d*[)}]?)$/i;

function mayLandHere(line: string, name: string, relative: string): boolean {
  // Words without quotes, a redirection's > or an option's name= (--output=dist, >requirements.txt).
  const words = line.trim().split(/\s+/).map((w) => w.replace(/^(--?[\w-]+=|[<>]+)/, '').replace(/^["'(]+|["';)]+$/g, ''));
  // The command, past a YAML item's dash, a CI step's run: and sudo.
  const command = words.find((w) => w !== '-' && w !== 'run:' && w !== 'sudo');
  const copy = command !== undefined && /^(cp|mv|rsync|install)$/.test(command);
  return words.some((word, k) => {
    if (word.split('/').pop() !== name) return false;
    if (word.startsWith('/')) return false;
    // What an option reads (pip install -r requirements.txt in a Makefile, round 50), or an input redirection.
    if (k > 0 && READS_NEXT.test(words[k - 1]!)) return false;
    const plain = word.replace(/^(\.\/)+/, '');
    if (word.startsWith('$')) return plain.slice(plain.indexOf('/') + 1) === relative || !plain.includes('/');
    return !(copy && k < words.length - 1 && plain === relative);
  });
}

/** A file or folder name as a word of a text (not part of a longer name: `.env` is not in `.env.example`). */
function namePattern(name: string, flags: string): RegExp {
  return new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w.-]|$)`, flags);
}

/** A folder's entry names, each folder listed once for as long as the returned function is kept (a validation). */
export function folderLister(files: FileAccess): (folderUri: string) => string[] {
  const listed = new Map<string, string[]>();
  return (folderUri) => {
    let names = listed.get(folderUri);
    if (!names) listed.set(folderUri, (names = files.list(folderUri).map((e) => e.name)));
    return names;
  };
}
