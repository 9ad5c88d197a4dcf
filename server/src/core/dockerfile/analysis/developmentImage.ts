// An image that compose runs with the project's source mounted over its working directory
// (`./app:/app` over WORKDIR /app, for a development server that watches the files): a development
// image, which nobody pulls or ships. Round 25: 31 of the 41 size and .dockerignore findings judged
// noise were on such images (Rails, Django, FastAPI and Express stacks under docker/<service>/).
// Every compose service that builds the Dockerfile must mount it so: one that runs the image as
// built (a production file beside the development one) may ship it.
import type { FileAccess } from '../../languageService';
import type { Analysis } from './analysis';
import { composeRuns } from './buildContext';
import { workdirAtEnd } from './workdir';

export function sourceMountedOver(a: Analysis, uri: string, files: FileAccess): boolean {
  // A Dockerfile named for production is shipped, however compose runs it (round 26: Dockerfile.prod).
  if (/(^|[._-])prod(uction)?([._-]|$)/i.test(uri.slice(uri.lastIndexOf('/') + 1))) return false;
  const last = a.doc.stages[a.doc.stages.length - 1];
  if (!last) return false;
  const workdir = workdirAtEnd(a, last)?.replace(/\/+$/, '');
  if (!workdir) return false;
  const runs = composeRuns(uri, files);
  if (!runs || runs.mountsByBuilder.length === 0) return false;
  // The source at the working directory or above it, or in pieces below it (./web/app and
  // ./web/main.py into /home/app: round 26); one folder below it alone may be logs or data.
  return runs.mountsByBuilder.every((mounts) => mounts.some((m) => m === workdir || workdir.startsWith(m === '/' ? '/' : `${m}/`))
    || mounts.filter((m) => m.startsWith(`${workdir}/`)).length >= 2);
}
