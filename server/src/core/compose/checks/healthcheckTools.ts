// `healthcheck: test: ["CMD", "curl", "-f", "http://localhost:8000/health"]` on python:3.12-slim: the
// slim Debian images (python, node), the official database images and ollama's carry neither curl
// nor wget, and the Alpine ones only BusyBox's wget. The check fails every time, the service never
// turns healthy, and whatever waits for it with service_healthy never starts (rounds 8 and 10:
// ollama, two FastAPI services). For a service that builds, its Dockerfile's final stage base is
// read, and any mention of the tool in the Dockerfile (an install) is taken as having it.
import { t } from '../../l10n';
import { repositoryAndTag } from '../../officialImages';
import { MONGO_SHELL_PACKAGE, lacksLegacyMongoShell, lacksTool, runsLegacyMongoShell } from '../../imageTools';
import { resolve } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { CNode } from '../model/nodes';
import { serviceBaseImage } from '../model/serviceBaseImage';
import { isHeld } from '../model/brokenBlocks';
import { ownHealthcheckTest, servicesOf, type CheckContext } from './checkContext';

/** What an image lacks (curl, and wget unless `wget`), and what its check can run instead, where it has something. */
interface Tools { wget: boolean; instead?: string }

function toolsOf(image: string): Tools | undefined {
  // A tag made of a build argument and a variant (python:${PYTHON_VERSION}-slim) still says the variant.
  const colon = image.lastIndexOf(':');
  const plain = colon > image.lastIndexOf('/') ? `${image.slice(0, colon)}:${image.slice(colon + 1).replace(/\$\{?\w+\}?/g, 'x')}` : image;
  const ref = repositoryAndTag(plain);
  if (!ref || lacksTool(plain, 'curl') !== true) return undefined;
  const wget = lacksTool(plain, 'wget') === false;
  // BusyBox's wget where the image has it, unless a command of the image's own is known (pg_isready,
  // redis-cli): python's and node's one-liners are longer than the wget line.
  const own = INSTEAD[ref.repository];
  const instead = wget && (own === undefined || ref.repository === 'python' || ref.repository === 'node') ? 'wget -qO- http://localhost:PORT/' : own;
  return { wget, instead };
}

/** What a healthcheck can run instead on the images it is told for. */
const INSTEAD: Record<string, string> = {
  python: 'python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:PORT/\')"',
  node: 'node -e "fetch(\'http://localhost:PORT/\').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"',
  postgres: 'pg_isready -U postgres',
  redis: 'redis-cli ping',
  'valkey/valkey': 'redis-cli ping',
  'ollama/ollama': 'ollama list',
  // Debian with bash, no HTTP client: a TCP connect to the port (round 39).
  'qdrant/qdrant': 'bash -c \':> /dev/tcp/127.0.0.1/6333\'',
};

/** The program the healthcheck's test runs first (CMD's first item, or the first word of a shell test), and whether it runs the legacy mongo shell anywhere. */
function testProgram(file: ComposeFile, test: CNode | null): { program?: string; mongo: boolean } {
  const node = resolve(file, test);
  if (node?.kind === 'scalar' && typeof node.value === 'string') return { program: firstWord(node.value), mongo: runsLegacyMongoShell(node.value) };
  if (node?.kind !== 'seq') return { mongo: false };
  const items = node.items.map((i) => resolve(file, i)).map((i) => (i?.kind === 'scalar' ? String(i.value) : ''));
  if (items[0] === 'CMD') {
    const program = items[1]?.split('/').pop();
    // CMD runs no shell, but ["CMD", "sh", "-c", "..."] hands the script to one.
    return { program, mongo: program === 'mongo' || (/^(ba|da)?sh$/.test(program ?? '') && runsLegacyMongoShell(items.slice(2).join(' '))) };
  }
  if (items[0] === 'CMD-SHELL') return { program: firstWord(items[1] ?? ''), mongo: runsLegacyMongoShell(items[1] ?? '') };
  return { mongo: false };
}

function firstWord(script: string): string | undefined {
  return /^\s*(?:exec\s+)?([\w./-]+)/.exec(script)?.[1]?.split('/').pop();
}

/** A Dockerfile's text without its HEALTHCHECK instructions (continuation lines too) and comment lines. */
function withoutChecksAndComments(text: string): string {
  return text.replace(/^[ \t]*HEALTHCHECK\b(?:[^\n]*\\\r?\n)*[^\n]*/gim, '').replace(/^[ \t]*#[^\n]*/gm, '');
}

export function checkHealthcheckTools({ file, context, out }: CheckContext): void {
  if (!/\b(curl|wget|mongo)\b/.test(file.text)) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map) continue;
    const test = ownHealthcheckTest(file, map);
    if (!test?.raw || isHeld(file, test.raw.start)) continue;
    const { program, mongo } = testProgram(file, test.value);
    if (program !== 'curl' && program !== 'wget' && !mongo) continue;
    const base = serviceBaseImage(file, map, context);
    if (!base) continue;
    if (mongo) {
      if (lacksLegacyMongoShell(base.image) && !(base.dockerfile && MONGO_SHELL_PACKAGE.test(withoutChecksAndComments(base.dockerfile)))) {
        out.push({
          rule: 'compose-healthcheck-no-tool',
          start: test.raw.start,
          end: test.raw.end,
          message: t('The healthcheck of "{0}" runs mongo, the old shell that MongoDB 6.0 removed: {1} has only mongosh, so the check fails every time and the service never turns healthy. Run mongosh instead: mongosh --quiet --eval "db.adminCommand(\'ping\')".', name, base.image),
        });
      }
      continue;
    }
    const tools = toolsOf(base.image);
    if (!tools || !program || (program === 'wget' && tools.wget)) continue;
    // The Dockerfile installs it (or mentions it: taken as installing it), outside its own
    // HEALTHCHECK and comments, which run it but install nothing (round 35: the same wget check in both).
    if (base.dockerfile && new RegExp(`\\b${program}\\b`).test(withoutChecksAndComments(base.dockerfile))) continue;
    out.push({
      rule: 'compose-healthcheck-no-tool',
      start: test.raw.start,
      end: test.raw.end,
      message: tools.instead
        ? t('The healthcheck of "{0}" runs {1}, which {2} does not have: the check fails every time and the service never turns healthy. Run a command the image has ({3}), or install {1} in its Dockerfile.', name, program, base.image, tools.instead)
        : t('The healthcheck of "{0}" runs {1}, which {2} does not have: the check fails every time and the service never turns healthy. Install {1} in its Dockerfile, or check with a program the image has.', name, program, base.image),
    });
  }
}
