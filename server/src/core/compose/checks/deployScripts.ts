// What the scripts beside a compose file say about how it is run: deploy.sh, a Makefile, a
// Jenkinsfile, a README. A file that `docker stack deploy -c <it>` names is a stack file whatever
// its keys (round 10: 5 projects whose deploy.sh or README deploys a docker-compose.yml as a
// stack), and a script that exports .env before deploying makes a stack's variables set. Read only
// when a check is about to report, and bounded: the folder, its parent and its subfolders, a few
// dozen files of at most 256 KB.
import type { ServiceContext } from '../../languageService';
import { listed } from '../model/referrers';
import { DEFAULT_FILE_NAMES, readText } from '../model/project';
import { dirnameUri, encodeName, resolvePath } from '../model/uris';

/** Files that may run or document the deploy: shell scripts, Makefiles, justfiles, Jenkinsfiles, Taskfiles, READMEs and other notes. */
const SCRIPT = /(\.(sh|bash|ps1|md)|^(makefile|justfile|jenkinsfile|taskfile\.ya?ml|readme(\.txt)?))$/i;
const MAX_SCRIPTS = 40;
const MAX_SUBFOLDERS = 20;
const MAX_SCRIPT_CHARS = 256 * 1024;

/** The text of the scripts in a folder (and, with `around`, in its parent and its subfolders). */
export function* scriptsNear(folder: string, context: ServiceContext, around = false): Generator<{ uri: string; text: string }> {
  const folders = [folder];
  if (around) {
    const parent = dirnameUri(folder);
    if (parent !== folder && parent.length > folder.indexOf('://') + 3) folders.push(parent);
    const skip = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'target']);
    folders.push(...listed(folder, context).filter((e) => e.isDirectory && !skip.has(e.name)).slice(0, MAX_SUBFOLDERS).map((e) => `${folder}/${encodeName(e.name)}`));
  }
  let read = 0;
  for (const f of folders) {
    for (const entry of listed(f, context)) {
      if (entry.isDirectory || !(SCRIPT.test(entry.name) || CI_FILE.test(entry.name))) continue;
      if (++read > MAX_SCRIPTS) return;
      const uri = `${f}/${encodeName(entry.name)}`;
      const text = readText(uri, context);
      if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) yield { uri, text };
    }
  }
  // CI workflows at the folder and its parent, which deploy with the file (round 51: a GitHub
  // workflow running `docker compose -f docker-compose.prod.yml --env-file .env.prod up`).
  for (const f of folders.slice(0, 2)) {
    if (!listed(f, context).some((e) => e.isDirectory && e.name === '.github')) continue;
    for (const entry of listed(`${f}/.github/workflows`, context)) {
      if (entry.isDirectory || !/\.ya?ml$/i.test(entry.name)) continue;
      if (++read > MAX_SCRIPTS) return;
      const uri = `${f}/.github/workflows/${encodeName(entry.name)}`;
      const text = readText(uri, context);
      if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) yield { uri, text };
    }
  }
}

/** CI pipelines kept at a repository's root. */
const CI_FILE = /^(\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml)$/i;

/** Texts kept for the comparison are small ones (a few MB at most in all); larger scripts are read each time. */
const MAX_REMEMBERED_CHARS = 64 * 1024;
const MAX_REMEMBERED = 64;

/** A command line of a script that runs compose or deploys a stack, and the files it names. */
interface DeployLine {
  /** docker stack deploy (or up), whose files are given with -c; otherwise compose, with -f. */
  stack: boolean;
  /** The files as written. */
  files: string[];
  /** Whether the line gives compose an env file of its own (--env-file), which then reads no .env. */
  envFile: boolean;
}

/**
 * A script's lines that deploy a stack or run compose from files (`docker stack deploy -c a.yml
 * app`, `docker compose -f a.yml -f b.yml up`), with the script's own plain variables put in (a
 * Makefile's `APP_FILE = docker_compose/app.yaml` ... `${DC} -f ${APP_FILE}`); kept per script
 * while its text is the same (each validation that asks reads them).
 */
const deployLinesMemo = new Map<string, { text: string; lines: DeployLine[] }>();
const FILE_OPTION = /(?:^|\s)(-f|--file|-c|--compose-file)(?:\s+|=)("[^"]+"|'[^']+'|[^\s;&|)`]+)/g;

function deployLines(uri: string, text: string): DeployLine[] {
  const known = deployLinesMemo.get(uri);
  if (known && known.text === text) return known.lines;
  const lines: DeployLine[] = [];
  if (/(-f|--file|-c|--compose-file|--env-file)[\s=]/.test(text)) {
    const values = new Map<string, string>();
    for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*(?::=|\?=|=)[ \t]*["']?([^"'\n#]*?)["']?[ \t]*$/gm)) values.set(m[1]!, m[2]!);
    const expand = (line: string) => line.replace(/\$\{(\w+)\}|\$\((\w+)\)|\$([A-Za-z_]\w*)/g, (whole, a, b, c) => values.get(a ?? b ?? c) ?? whole);
    // A command continued with \ is one line (round 47's README: docker-compose \ -f a.yaml \ -f b.yaml \ up -d).
    for (const raw of text.replace(/\\\r?\n/g, ' ').split('\n')) {
      if (!/(-f|--file|-c|--compose-file|--env-file)[\s=]/.test(raw) && !raw.includes('$')) continue;
      const line = expand(expand(raw));
      const stack = /\bstack\s+(deploy|up)\b/.test(line);
      if (!stack && !/\b(docker[- ]compose|podman[- ]compose|compose)\b/.test(line)) continue;
      const files = [...line.matchAll(FILE_OPTION)].filter((m) => (stack ? m[1] === '-c' || m[1] === '--compose-file' : m[1] === '-f' || m[1] === '--file')).map((m) => m[2]!.replace(/^["']|["']$/g, '').replace(/[.,:]+$/, ''));
      // --env-file .env names the file compose reads anyway (round 18's rescore: a start script's).
      const envFiles = [...line.matchAll(/--env-file(?:\s+|=)("[^"]+"|'[^']+'|[^\s;&|)`]+)/g)].map((m) => m[1]!.replace(/^["']|["']$/g, ''));
      // (--env-file "$PROJECT_ROOT/.env" is the project's .env too: round 39's deploy.sh.)
      const envFile = envFiles.some((f) => !/^(\.\/|\$\{?\w+\}?\/)?\.env$/.test(f));
      // Without -f, compose runs the folder's default file (round 38: `docker compose --env-file .env.prod up -d`).
      if (files.length > 0 || (envFile && !stack)) lines.push({ stack, files, envFile });
    }
  }
  if (text.length <= MAX_REMEMBERED_CHARS) {
    if (deployLinesMemo.size >= MAX_REMEMBERED) deployLinesMemo.clear();
    deployLinesMemo.set(uri, { text, lines });
  }
  return lines;
}

/** Whether a path as a script writes it names the file (its last segment). */
function names(written: string, name: string): boolean {
  return written.replace(/\\/g, '/').split('/').pop() === name;
}

/** Whether a script or README near the file runs `docker stack deploy` with it (`-c name`, `--compose-file name`). */
export function deployedAsStackByScript(uri: string, context: ServiceContext): boolean {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  for (const script of scriptsNear(dirnameUri(uri), context, true)) {
    if (deployLines(script.uri, script.text).some((d) => d.stack && d.files.some((f) => names(f, name)))) return true;
  }
  return false;
}

/**
 * Whether the file is run with an env file of its own: a command line that names it with -f and
 * gives --env-file, in a script or note near it or in a comment of the file itself (round 18: a
 * Makefile's `docker-compose -f docker-compose.test.yml --env-file .env.test`; without -f, for the
 * default compose file: round 38). Compose then reads that file instead of .env.
 */
export function runWithEnvFile(uri: string, ownText: string, context: ServiceContext): boolean {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  const givesIt = (lines: DeployLine[]) => lines.some((d) => d.envFile && !d.stack && (d.files.length === 0 ? DEFAULT_FILE_NAMES.includes(name.toLowerCase()) : d.files.some((f) => names(f, name))));
  if (ownText.includes('--env-file') && givesIt(deployLines(uri, ownText))) return true;
  for (const script of scriptsNear(dirnameUri(uri), context, true)) {
    if (script.text.includes('--env-file') && givesIt(deployLines(script.uri, script.text))) return true;
  }
  return false;
}

/**
 * Whether a script or note near the file runs it on its own (`docker compose -f
 * docker-compose.prod.yml up -d`, its only -f): then it is not only a layer on the folder's default
 * file, whatever its name says, even where other notes layer it (round 40: a deploy workflow and
 * its docs running the prod and staging files alone, older docs layering them).
 */
export function runAlone(uri: string, context: ServiceContext): boolean {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  for (const script of scriptsNear(dirnameUri(uri), context, true)) {
    if (deployLines(script.uri, script.text).some(({ stack, files }) => !stack && files.length === 1 && names(files[0]!, name))) return true;
  }
  return false;
}

/**
 * The command lines of the scripts and notes near the file that name it among two or more files,
 * with where it stands in them and the folder their paths resolve from: where this file's own
 * path, as written, ends at it.
 */
function* combinationsOf(uri: string, context: ServiceContext): Generator<{ files: string[]; stack: boolean; at: number; folder: string }> {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  for (const script of scriptsNear(dirnameUri(uri), context, true)) {
    for (const { files, stack } of deployLines(script.uri, script.text)) {
      if (files.length < 2) continue;
      // The first file the line names that is this one (a base and its layers may share a name).
      for (let at = 0; at < files.length; at++) {
        const folder = files[at]!.includes('$') || !names(files[at]!, name) ? undefined : folderOf(uri, files[at]!, script.uri);
        if (folder === undefined) continue;
        yield { files, stack, at, folder };
        break;
      }
    }
  }
}

/**
 * The folder a command line's path of the file resolves from, where that path is the file's:
 * where the path, as written, ends at it; or, for a path that climbs
 * (../../environment/kerberos/docker-compose.yml), the script's own folder, where it runs (round
 * 82: a playground's start.sh layering each environment on a base of the same name).
 */
function folderOf(uri: string, path: string, scriptUri: string): string | undefined {
  const written = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (written.startsWith('/')) return undefined;
  if (written.split('/').includes('..')) {
    const here = dirnameUri(scriptUri);
    return resolvePath(here, written) === uri ? here : undefined;
  }
  if (!decodeURIComponent(uri).endsWith(`/${written}`)) return undefined;
  let folder = uri;
  for (let k = written.split('/').length; k > 0; k--) folder = dirnameUri(folder);
  return folder;
}

/**
 * The other files that a script or note near the file combines with it on one command line:
 * `docker compose -f a.yml -f b.yml` merges them into one project, `docker stack deploy -c a.yml
 * -c b.yml` into one stack, so names one declares serve the others (round 12: a cheat sheet
 * deploying logging.yaml, rabbitmq.yaml and etcd.yaml together; round 11: a Makefile combining
 * app.yaml with storages.yaml).
 */
export function filesCombinedWith(uri: string, context: ServiceContext): string[] {
  const out = new Set<string>();
  for (const { files, at, folder } of combinationsOf(uri, context)) {
    files.forEach((f, k) => {
      if (k === at || f === files[at] || f.includes('$')) return;
      const other = resolvePath(folder, f);
      if (other && other !== uri) out.add(other);
    });
  }
  return [...out];
}

/**
 * The folders compose resolves this file's relative paths from where a script or note layers it
 * on other files (`docker compose -f docker-compose.prod.yml -f deploy/observability/compose.yml`):
 * the first file's folder, the project directory (round 71: an add-on in a subfolder whose paths
 * are written from the repository root).
 */
export function layeredFromFolders(uri: string, context: ServiceContext): string[] {
  const out = new Set<string>();
  for (const { files, stack, at, folder } of combinationsOf(uri, context)) {
    if (stack || at === 0 || files[0]!.includes('$')) continue;
    const first = resolvePath(folder, files[0]!);
    if (first && first !== uri) out.add(dirnameUri(first));
  }
  out.delete(dirnameUri(uri));
  return [...out];
}
