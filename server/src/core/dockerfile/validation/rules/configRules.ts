// Rules driven by a hadolint configuration file (.hadolint.yaml beside the Dockerfile): trusted
// registries and the label schema. Without such a file they report nothing. Also the BuildKit
// platform check, which needs the platform of the local image.
import type { parse } from 'yaml';
import { t } from '../../../l10n';
import { parseImageRef } from '../../syntax/imageRef';
import { keyValuesOf } from '../../syntax/words';
import { rule, type RuleContext } from './rule';

interface HadolintConfig {
  trustedRegistries?: string[];
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
}

const perRun = new WeakMap<RuleContext, HadolintConfig | null>();

/** Reads .hadolint.yaml (or .yml) next to the Dockerfile once per validation run. */
export function hadolintConfig(ctx: RuleContext): HadolintConfig | undefined {
  let config = perRun.get(ctx);
  if (config === undefined) {
    config = null;
    const folder = ctx.uri.slice(0, ctx.uri.lastIndexOf('/'));
    for (const name of ['.hadolint.yaml', '.hadolint.yml']) {
      const text = ctx.uri.startsWith('file:') ? ctx.files.readText(`${folder}/${name}`) : undefined;
      if (text === undefined) continue;
      try {
        // The YAML parser is loaded only when a .hadolint.yaml exists (a Dockerfile-only worker needs it no other time).
        const parseYaml = (require('yaml') as { parse: typeof parse }).parse;
        const raw = (parseYaml(text) ?? {}) as Record<string, unknown>;
        config = {
          trustedRegistries: Array.isArray(raw.trustedRegistries) ? raw.trustedRegistries.map(String) : undefined,
          labelSchema: raw['label-schema'] && typeof raw['label-schema'] === 'object' ? (raw['label-schema'] as Record<string, string>) : undefined,
          strictLabels: raw['strict-labels'] === true,
        };
      } catch {
        config = null;
      }
      break;
    }
    perRun.set(ctx, config);
  }
  return config ?? undefined;
}

export const trustedRegistry = rule({
  id: 'trusted-registry', severity: 'warning', hadolint: ['DL3026'], reach: 'file',
  explain: () => [t('Your .hadolint.yaml lists trustedRegistries. Base images from other registries are reported, so that images come only from sources your team vets.')],
}, (ctx) => {
  const allowed = hadolintConfig(ctx)?.trustedRegistries;
  if (!allowed) return;
  for (const stage of ctx.a.doc.stages) {
    const image = ctx.a.imageOf(stage);
    if (!stage.image || !image || image === 'scratch' || ctx.a.parentOf(stage.index) >= 0) continue;
    const registry = parseImageRef(image).registry ?? 'docker.io';
    const ok = allowed.some((r) => r === registry || (r.startsWith('*.') && registry.endsWith(r.slice(1))));
    if (!ok) ctx.report(stage.image.span, t('{0} is not one of the trusted registries ({1}).', registry, allowed.join(', ')));
  }
});

const CHECKS: Record<string, [string, RegExp]> = {
  url: ['DL3052', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i],
  rfc3339: ['DL3053', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/],
  spdx: ['DL3054', /^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/],
  hash: ['DL3055', /^[0-9a-f]{7,40}$/],
  semver: ['DL3056', /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/],
  email: ['DL3058', /^[^@\s]+@[^@\s]+\.[^@\s]+$/],
};

export const labelSchema = rule({
  id: 'label-schema', severity: 'warning', reach: 'file', hadolint: ['DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
  explain: () => [t('Your .hadolint.yaml defines a label-schema: labels every image must carry, with the format of each value (url, rfc3339, spdx, hash, semver, email or text). With strict-labels, labels outside the schema are reported too.')],
}, (ctx) => {
  const config = hadolintConfig(ctx);
  const schema = config?.labelSchema;
  const last = ctx.a.doc.stages[ctx.a.doc.stages.length - 1];
  if (!schema || !last) return;
  const seen = new Set<string>();
  for (const i of last.instructions) {
    if (i.upper !== 'LABEL') continue;
    for (const pair of keyValuesOf(i, ctx.a.doc.escape)) {
      const key = pair.key.value;
      seen.add(key);
      const type = schema[key];
      const value = pair.value?.value ?? '';
      if (type === undefined) {
        if (config.strictLabels) ctx.report(pair.key.span, t('The label {0} is not in the label schema.', key), { peer: 'DL3050' });
      } else if (value === '') {
        ctx.report(pair.span, t('The label {0} is empty.', key), { peer: 'DL3051' });
      } else if (CHECKS[type] && !value.includes('$') && !CHECKS[type][1].test(value)) {
        ctx.report(pair.value?.span ?? pair.span, t('The label {0} should be a valid {1}.', key, type), { peer: CHECKS[type][0] });
      }
    }
  }
  // A label of a stage the final one is built FROM is in the image too (round 24: poetry's python-base).
  for (const s of ctx.a.chainOf(last)) {
    if (s === last) continue;
    for (const i of s.instructions) if (i.upper === 'LABEL') for (const pair of keyValuesOf(i, ctx.a.doc.escape)) seen.add(pair.key.value);
  }
  for (const key of Object.keys(schema)) {
    if (!seen.has(key)) ctx.report(last.from.keywordSpan, t('The final stage lacks the required label {0}.', key), { peer: 'DL3049' });
  }
});

export const invalidBaseImagePlatform = rule({
  id: 'invalid-base-image-platform', severity: 'warning', buildkit: 'InvalidBaseImagePlatform',
  explain: () => [t('FROM --platform asks for one platform, but the local image with that name was pulled for another. The build then runs it under emulation or pulls again; check the platform you meant.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const flag = stage.from.flags.find((f) => f.name === 'platform');
    const image = ctx.a.imageOf(stage);
    if (!flag?.value || flag.value.includes('$') || !image) continue;
    const local = ctx.facts.images.find((i) => i.name === image || i.name === `${image}:latest`);
    if (local?.platform && local.platform !== flag.value && !local.platform.startsWith(`${flag.value}/`)) {
      ctx.report(flag.span, t('The local {0} is {1}, not {2}.', image, local.platform, flag.value));
    }
  }
});

export const configRules = [trustedRegistry, labelSchema, invalidBaseImagePlatform];
