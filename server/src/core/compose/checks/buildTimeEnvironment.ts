// `environment: VITE_API_URL: http://api:8080` on a service whose image is the front end built by
// Vite (or Create React App, Vue CLI) and served as files by nginx, httpd or Caddy. The bundler reads
// those variables while it builds and writes their values into the JavaScript; the web server that
// runs the container never reads them, so the app calls whatever the build saw (round 58: every API
// call went to the same origin and got index.html). The variable belongs in build.args, with an ARG
// in the Dockerfile. Left alone: a Dockerfile that writes variables into the files when the
// container starts (an entrypoint script, envsubst, a window._env_ file), and a value build.args
// also passes.
import { t } from '../../l10n';
import { valueAt } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { environmentPairs } from '../model/environment';
import { serviceBaseImage } from '../model/serviceBaseImage';
import { repositoryAndTag } from '../../officialImages';
import { servicesOf, type CheckContext } from './checkContext';

/** The prefixes bundlers inline into the built files: Vite's, Create React App's, Vue CLI's. */
const BUILD_TIME = /^(VITE_|REACT_APP_|VUE_APP_)[A-Z0-9_]+$/;
/** Images that serve files and run no JavaScript. */
const FILE_SERVERS = new Set(['nginx', 'nginxinc/nginx-unprivileged', 'httpd', 'caddy']);
/** What in a Dockerfile may put variables into the built files at start. */
const RUNTIME_INJECTION = /docker-entrypoint\.d|ENTRYPOINT|envsubst|_env_|env\.sh|env-config|runtime-env|\bsed\b|\/etc\/nginx\/templates/i;

export function checkBuildTimeEnvironment(ctx: CheckContext): void {
  const { file, out } = ctx;
  if (!/VITE_|REACT_APP_|VUE_APP_/.test(file.text)) return;
  for (const { name, map } of servicesOf(file)) {
    if (!map || !valueAt(file, map, 'build')) continue;
    const pairs = environmentPairs(file, map).filter((p) => BUILD_TIME.test(p.key));
    if (pairs.length === 0) continue;
    const base = serviceBaseImage(file, map, ctx.context);
    const repository = base?.dockerfile !== undefined ? repositoryAndTag(base.image)?.repository : undefined;
    if (!repository || !FILE_SERVERS.has(repository) || RUNTIME_INJECTION.test(base!.dockerfile!)) continue;
    const args = valueAt(file, map, 'build', 'args');
    const passed = args?.kind === 'map' ? args.pairs.map((p) => String(p.key?.kind === 'scalar' ? p.key.value : ''))
      : args?.kind === 'seq' ? args.items.map((i) => (i?.kind === 'scalar' ? String(i.value).split('=')[0]! : '')) : [];
    for (const pair of pairs) {
      if (passed.includes(pair.key) || isHeld(file, pair.keyStart)) continue;
      out.push({
        rule: 'compose-build-time-env',
        start: pair.keyStart,
        end: pair.keyEnd,
        message: t('{0} is read when the front end is built, which writes its value into the JavaScript; "{1}" runs {2}, which serves the built files and never reads it, so setting it here changes nothing. Pass it in build.args, with ARG {0} before the build in the Dockerfile.', pair.key, name, repository),
      });
    }
  }
}
