// ENV and ARG names a letter or two away from a variable a tool reads (PYTHONUNBUFFRED for
// PYTHONUNBUFFERED): the tool never sees the setting, and nothing says so (unseen round 13).
import { t } from '../../../l10n';
import { misspeltWellKnownEnv } from '../../../wellKnownEnv';
import { rule } from './rule';
import { defsIn, usesIn } from './scope';

export const misspeltEnvName = rule({
  id: 'misspelt-env-name', severity: 'warning',
  explain: () => [
    t('Tools read their settings from environment variables with exact names: Python reads PYTHONUNBUFFERED, apt reads DEBIAN_FRONTEND, Go reads GO111MODULE and CGO_ENABLED. A name a letter or two away (PYTHONUNBUFFRED, DEBIAN_FRONTENT, GO111MODULES) is read by nothing, and nothing fails: the setting just does not apply.'),
    t('Reported for ENV and ARG names close to a name a well-known tool reads (Python, pip, Poetry, uv, apt, Node.js, Go, .NET, Rails, Bundler, Composer, Spring Boot and others), when the Dockerfile does not use the name itself. The quick fix puts in the name the tool reads.'),
  ],
}, (ctx) => {
  let used: Set<string> | undefined;
  for (const def of defsIn(ctx)) {
    const misspelt = misspeltWellKnownEnv(def.name);
    if (!misspelt) continue;
    // A name the Dockerfile reads itself is the author's own variable.
    used ??= new Set(usesIn(ctx).map((u) => u.ref.name));
    if (used.has(def.name)) continue;
    ctx.report(def.nameSpan, t('{0} reads {1}, not {2}: this setting has no effect.', misspelt.reader, misspelt.meant, def.name), { data: { replacement: misspelt.meant, span: def.nameSpan } });
  }
});

export const wellKnownEnvRules = [misspeltEnvName];
