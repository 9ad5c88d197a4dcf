// Rules about build stages: names, references between stages, and stages nothing uses.
import { t } from '../../../l10n';
import { OFFICIAL_IMAGES } from '../../../officialImages';
import { isDeliberateTarget, stageUse } from '../../analysis/stageUse';
import { closest } from './suggest';
import { rule } from './rule';
import { refsIn } from './scope';
import { composeRuns } from '../../analysis/buildContext';
import { STAGE_WORDS, TEMPLATE_PLACEHOLDER } from './fromRules';

const STAGE_NAME = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;

export const invalidAs = rule({
  id: 'invalid-as', severity: 'error', dockerfileUtils: ['INVALID_AS'],
  explain: () => [t('A stage is named with FROM image AS name. The word between the image and the name must be AS.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const w = stage.asWord;
    // FROM postgres:{{ cookiecutter.postgresql_version }}: a template's placeholder, spaces and all (round 9).
    if (w && stage.from.words.length === 3 && w.value.toUpperCase() !== 'AS' && !TEMPLATE_PLACEHOLDER.test(stage.from.argText)) ctx.report(w.span, t('Expected AS, found {0}.', w.value));
  }
});

export const fromAsCasing = rule({
  id: 'from-as-casing', severity: 'hint', buildkit: 'FromAsCasing',
  explain: () => [t('FROM and AS are keywords of the same instruction; write them in the same case (FROM x AS y, or from x as y).')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const w = stage.asWord;
    if (!w || w.value.toUpperCase() !== 'AS' || !stage.name) continue;
    const fromUpper = stage.from.keyword === stage.from.upper;
    const asUpper = w.value === 'AS';
    const fromLower = stage.from.keyword === stage.from.keyword.toLowerCase();
    if ((fromUpper && !asUpper) || (fromLower && w.value !== 'as')) {
      const want = fromUpper ? 'AS' : 'as';
      ctx.report(w.span, fromUpper
        ? t('FROM is in upper case, so write AS in upper case too.')
        : t('from is in lower case, so write as in lower case too.'), { data: { replacement: want } });
    }
  }
});

export const invalidStageName = rule({
  id: 'invalid-stage-name', severity: 'error', dockerfileUtils: ['INVALID_BUILD_STAGE_NAME'],
  explain: () => [t('Stage names start with a letter and contain only letters, digits, dots, dashes and underscores.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const name = stage.name;
    // BuildKit matches the name as written: it expands no variable and removes no quotes there.
    if (name && !STAGE_NAME.test(name.raw)) ctx.report(name.span, t('{0} is not a valid stage name.', name.raw));
  }
});

export const stageNameCasing = rule({
  id: 'stage-name-casing', severity: 'hint', buildkit: 'StageNameCasing',
  explain: () => [t('Stage names are matched without regard to case, and BuildKit recommends lower case so that --target and COPY --from read the same everywhere.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const name = stage.name;
    if (name && name.value !== name.value.toLowerCase() && STAGE_NAME.test(name.value)) {
      ctx.report(name.span, t('Write the stage name {0} in lower case.', name.value), { data: { replacement: name.value.toLowerCase() } });
    }
  }
});

export const duplicateStageName = rule({
  id: 'duplicate-stage-name', severity: 'error', hadolint: ['DL3024'], buildkit: 'DuplicateStageName', dockerfileUtils: ['DUPLICATE_BUILD_STAGE_NAME'], reach: 'file',
  explain: () => [t('Two stages with the same name make --target and COPY --from ambiguous, and BuildKit rejects the file.')],
}, (ctx) => {
  // The analysis names each name's first stage (it runs on every edit: no map of its own).
  for (const stage of ctx.a.doc.stages) {
    const name = stage.name?.value.toLowerCase();
    if (!name) continue;
    const first = ctx.a.stageByName.get(name);
    if (first && first !== stage) ctx.report(stage.name!.span, t('The stage name {0} is already used on line {1}.', stage.name!.value, String(ctx.a.lines.positionAt(first.from.span.start).line + 1)));
  }
});

export const reservedStageName = rule({
  id: 'reserved-stage-name', severity: 'warning', hadolint: ['DL3063'], buildkit: 'ReservedStageName',
  explain: () => [t('scratch (the empty image) and context (the build context) have special meanings in FROM and COPY --from, so a stage with that name cannot be referred to.')],
}, (ctx) => {
  for (const stage of ctx.scope.stages) {
    const name = stage.name?.value.toLowerCase();
    if (name === 'scratch' || name === 'context') ctx.report(stage.name!.span, t('{0} is a reserved name; choose another stage name.', stage.name!.value));
  }
});


export const unknownStage = rule({
  id: 'unknown-stage', severity: 'warning', hadolint: ['DL3022'],
  explain: () => [
    t('COPY --from and RUN --mount from= take the name or number of an earlier stage, or an image reference. A name that is no stage is pulled as an image, so a typo turns into a confusing pull error.'),
    t('Stages can only use stages defined above them.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // Named stages (the first of each name), in order; names before `index` are the candidates.
  const named = [...a.stageByName.values()];
  // Read lazily: suggestions compare a bounded number of names, and a copy per stage was quadratic.
  const namesBefore = function* (index: number) {
    for (const s of named) {
      if (s.index >= index) return;
      yield s.name!.value;
    }
  };
  // Each part of a stage name (license-set: license, set), with the first stage whose name has it:
  // one map instead of reading every name before each reference.
  let parts: Map<string, { name: string; index: number }> | undefined;
  const partBefore = (word: string, index: number): string | undefined => {
    if (!parts) {
      parts = new Map();
      for (const s of named) {
        for (const part of s.name!.value.toLowerCase().split(/[-_.]/)) if (!parts.has(part)) parts.set(part, { name: s.name!.value, index: s.index });
      }
    }
    const found = parts.get(word);
    return found && found.index < index ? found.name : undefined;
  };
  for (const ref of refsIn(ctx)) {
    if (ref.target || ref.name.includes('$') || /[/:@]/.test(ref.name)) continue;
    const here = a.doc.stages[ref.instruction.stage];
    if (/^\d+$/.test(ref.name)) {
      if (here && Number(ref.name) >= here.index) ctx.report(ref.span, t('Stage {0} is not defined before this one.', ref.name));
      continue;
    }
    const later = a.stageByName.get(ref.name.toLowerCase());
    if (later && here && later.index > here.index) {
      ctx.report(ref.span, t('The stage {0} is defined later; a stage can only use stages above it.', ref.name));
      continue;
    }
    const name = ref.name.toLowerCase();
    // A stage whose name has this word as one of its parts (license-set for set) beats one a
    // letter away (test): the part is what the author typed.
    const part = here ? partBefore(name, here.index) : undefined;
    const suggestion = part || !here ? undefined : closest(ref.name, namesBefore(here.index));
    if (suggestion) {
      ctx.report(ref.span, t('No stage named {0}. Did you mean {1}?', ref.name, suggestion), { data: { replacement: suggestion } });
      continue;
    }
    // A bare word that is part of a stage's name and is no official image is a stage name gone
    // wrong; as an image it would fail to pull. An unrelated word is more likely a named build
    // context (--build-context templates=...), which the Dockerfile cannot show.
    if (ref.kind === 'from' || /[/:@.]/.test(name) || OFFICIAL_IMAGES.has(name) || name === 'scratch' || name === 'context' || !/^[a-z0-9][a-z0-9_-]*$/.test(name)) continue;
    if (part) {
      ctx.report(ref.span, t('No stage named {0} above this line. Did you mean {1}? As an image, {0} would be pulled from docker.io/library/{0}, which is not an official image.', ref.name, part), { data: { replacement: part } });
      continue;
    }
    // The names every tutorial gives its build stage (builder, build, deps), where no stage has a
    // name of its own: the FROM ... AS line was left out (round 23: --from=builder in a one-stage
    // file). Not where compose passes a build context of that name.
    if (STAGE_WORDS.has(name) && named.length === 0 && !composeRuns(ctx.uri, ctx.files)?.contextNames.includes(ref.name)) {
      ctx.report(ref.span, t('No stage is named {0}: none has AS {0}, so --from={0} pulls docker.io/library/{0}, which is not an official image, and the build stops. Name the stage that builds it: FROM <image> AS {0}.', ref.name));
    }
  }
  // FROM <typo of a stage name> would pull an image of that name.
  for (const stage of ctx.scope.stages) {
    const image = stage.image;
    if (!image || a.parentOf(stage.index) >= 0 || /[/:@.$]/.test(image.value) || image.value.toLowerCase() === 'scratch') continue;
    const suggestion = closest(image.value, namesBefore(stage.index));
    if (suggestion) ctx.report(image.span, t('No stage named {0}; it will be pulled as an image. Did you mean {1}?', image.value, suggestion), { data: { replacement: suggestion } });
  }
});

export const copyFromSelf = rule({
  id: 'copy-from-self', severity: 'error', hadolint: ['DL3023'],
  explain: () => [t('COPY --from cannot name the stage it is in: that stage is not built yet. Copy from an earlier stage instead.')],
}, (ctx) => {
  for (const ref of refsIn(ctx)) {
    if (ref.kind !== 'from' && ref.target && ref.target.index === ref.instruction.stage) {
      ctx.report(ref.span, t('{0} is the stage this instruction belongs to.', ref.name));
    }
  }
});

export const unusedStage = rule({
  id: 'unused-stage', severity: 'hint', tag: 'unnecessary', reach: 'file',
  explain: () => [
    t('A plain docker build builds only the last stage and the stages it uses. A stage that no FROM, COPY --from or RUN --mount refers to is skipped, unless you build it with --target.'),
    t('Stages reached through a build argument (FROM binaries-$TARGETOS) count as used, and stages named for a target of their own (test, lint, validate, update, release, dev...) are left alone. Many Dockerfiles keep extra stages on purpose, which is why this is only a hint.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  // A template a preprocessor renders first (Dockerfile.in, `# include(cli-dev.m4)`): the parts it
  // adds may use any stage (round 77: COPY --from=composer in an included fragment).
  if (/\.(in|m4|tpl|template|j2|jinja2?)$/i.test(ctx.uri) || /^#\s*include\s*\(/m.test(a.text)) return;
  const { used } = stageUse(a);
  const last = a.doc.stages.length - 1;
  let targets: string[] | undefined;
  for (const stage of a.doc.stages) {
    // Stages named for a target of their own (test, lint, release, update...) are unused on purpose.
    if (stage.index === last || used.has(stage.index) || isDeliberateTarget(stage)) continue;
    // A stage a compose file builds as its target (round 25: target: prod).
    targets ??= composeRuns(ctx.uri, ctx.files)?.targets ?? [];
    if (stage.name && targets.includes(stage.name.value.toLowerCase())) continue;
    const span = stage.name?.span ?? stage.from.keywordSpan;
    ctx.report(span, stage.name
      ? t('The stage {0} is not used by the final stage; it is built only with --target {0}.', stage.name.value)
      : t('This stage is not used by the final stage, so a default build skips it.'));
  }
});

export const stageRules = [invalidAs, fromAsCasing, invalidStageName, stageNameCasing, duplicateStageName, reservedStageName, unknownStage, copyFromSelf, unusedStage];
