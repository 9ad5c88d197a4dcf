// `traefik.http.routers.web.rule=Host(example.com`)`: Traefik reads a router's rule as matchers
// whose arguments are quoted (backticks, or double quotes); a rule with an unquoted argument or an
// unpaired backtick does not parse, Traefik logs the error and creates no router, so the site is
// not served while every container runs (round 22: a Swarm stack's frontend). Read from the
// service's labels and deploy.labels (where Traefik reads them in Swarm mode).
import { t } from '../../l10n';
import { environmentPairs, type EnvironmentPair } from '../model/environment';
import { mapAt } from '../model/access';
import { isHeld } from '../model/brokenBlocks';
import { servicesOf, type CheckContext } from './checkContext';

const RULE_KEY = /^traefik\.(http|tcp|udp)\.routers\.[^.]+\.rule$/i;
/** A matcher whose first argument is not quoted: Host(example.com). */
const UNQUOTED = /\b(Host|HostRegexp|HostHeader|Path|PathPrefix|PathRegexp|Method|Headers?|HeadersRegexp|HeaderRegexp|Query|QueryRegexp|ClientIP|HostSNI|HostSNIRegexp|ALPN)\(\s*(?![`"\s)])([^)]*)\)/;

function problem(value: string): string | undefined {
  if (value.includes('{{')) return undefined;
  const backticks = value.split('`').length - 1;
  if (backticks % 2 === 1) return t('This router rule has an unpaired backtick ({0}), so Traefik cannot parse it and creates no router: the service is not reachable through Traefik. Quote each argument with a pair of backticks: Host(`example.com`).', value);
  const bare = UNQUOTED.exec(value);
  if (bare) return t('{0}({1}) has an argument without quotes, so Traefik cannot parse the rule and creates no router. Quote it with backticks: {0}(`{1}`).', bare[1]!, bare[2]!.trim());
  return undefined;
}

export function checkTraefikRule({ file, out }: CheckContext): void {
  if (!/traefik\.(http|tcp|udp)\.routers/i.test(file.text)) return;
  for (const { map } of servicesOf(file)) {
    if (!map) continue;
    const deploy = mapAt(file, map, 'deploy');
    const pairs: EnvironmentPair[] = [...environmentPairs(file, map, 'labels'), ...(deploy ? environmentPairs(file, deploy, 'labels') : [])];
    for (const pair of pairs) {
      if (!RULE_KEY.test(pair.key) || pair.value === undefined || isHeld(file, pair.start)) continue;
      const message = problem(pair.value);
      if (message) out.push({ rule: 'compose-traefik-rule', start: pair.start, end: pair.end, message });
    }
  }
}
