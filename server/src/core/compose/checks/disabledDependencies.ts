// A service that a plain `docker compose up` starts (it has no profiles) and that depends on a
// service only a profile starts: compose refuses the whole `up` ("service db is required by web
// but is disabled", docker/compose pkg/compose/dependencies.go). Only in the files a plain `up`
// reads (compose.yaml, docker-compose.yml and their override files): a -f file is run with a
// command line of its own, which may well pass the --profile. Not when the dependency is
// `required: false` (compose then drops it), nor when the project's .env turns the profile on
// with COMPOSE_PROFILES.
import { t } from '../../l10n';
import { composeBoolean } from '../model/access';
import { projectEnv } from '../model/envFile';
import { projectFiles } from '../model/project';
import { symbolsOf } from '../model/symbols';
import { isHeld } from '../model/brokenBlocks';
import { profilesOf, valueAt, type CheckContext } from './checkContext';

export function checkDisabledDependencies(ctx: CheckContext): void {
  const { file, out } = ctx;
  const own = symbolsOf(file);
  const refs = own.references.filter((r) => r.kind === 'service' && r.via === 'depends_on' && !isHeld(file, r.start));
  if (refs.length === 0 || !ctx.project().standalone) return;
  // Profiles of each service across the project's files (an override may add some).
  const files = projectFiles(ctx.project());
  const profiles = (service: string): string[] => files.flatMap((f) => {
    const map = symbolsOf(f).services.get(service)?.map;
    return map ? profilesOf(f, map) : [];
  });
  let enabled: string[] | undefined;
  for (const ref of refs) {
    if (profiles(ref.service).length > 0) continue;
    const needed = profiles(ref.name);
    if (needed.length === 0) continue;
    const map = own.services.get(ref.service)?.map ?? null;
    const required = valueAt(file, map, 'depends_on', ref.name, 'required');
    if (required?.kind === 'scalar' && (required.value === false || composeBoolean(String(required.value)) === false)) continue;
    enabled ??= (projectEnv(file.uri, ctx.context).values.get('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (needed.some((p) => enabled!.includes(p) || p === '*') || enabled.includes('*')) continue;
    out.push({
      rule: 'compose-dependency-disabled', start: ref.start, end: ref.end,
      message: t('"{0}" starts only with the profile {1}, so a plain "docker compose up" refuses to start "{2}", which depends on it. Give "{2}" that profile, run with --profile {3}, or set required: false on this dependency.', ref.name, needed.join(', '), ref.service, needed[0]!),
    });
  }
}
