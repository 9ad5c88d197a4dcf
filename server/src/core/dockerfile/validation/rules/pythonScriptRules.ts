// A stage that copies the packages another stage installed with pip (its site-packages) and
// starts one of their programs: pip puts `uvicorn`, `gunicorn`, `celery` in the bin folder beside
// the interpreter (/usr/local/bin on the python images), not in site-packages, so the copy leaves
// them behind and the container stops with "executable file not found in $PATH" (round 73: two
// services of one project, CMD ["uvicorn", ...] after COPY --from=builder .../site-packages).
// Said only where the stage starts from the python image itself (whose bin folder holds python and
// pip only), copies no bin folder and sets no PATH, and installs nothing of its own.
import { t } from '../../../l10n';
import type { Instruction, Stage, Word } from '../../syntax/ast';
import type { Analysis } from '../../analysis/analysis';
import { copyArgs } from '../../analysis/copySources';
import { stageUse } from '../../analysis/stageUse';
import { repositoryAndTag } from '../../../officialImages';
import { commandsOf } from './shellCommands';
import { rule } from './rule';

/** Programs that only a Python package brings (its console script), with the module `python -m` runs. */
const SCRIPTS: Record<string, string> = {
  uvicorn: 'uvicorn', gunicorn: 'gunicorn', celery: 'celery', daphne: 'daphne', hypercorn: 'hypercorn', granian: 'granian',
  flask: 'flask', streamlit: 'streamlit', alembic: 'alembic', 'waitress-serve': 'waitress', fastapi: 'fastapi', dramatiq: 'dramatiq',
  rq: 'rq', arq: 'arq', taskiq: 'taskiq', chainlit: 'chainlit', jupyter: 'jupyter', 'jupyter-lab': 'jupyterlab', mkdocs: 'mkdocs',
  scrapy: 'scrapy', locust: 'locust', mlflow: 'mlflow', dagster: 'dagster', prefect: 'prefect', pytest: 'pytest', 'django-admin': 'django',
};

/**
 * What may bring the program another way: a Python installer, a download, a script, a virtual
 * environment. A system package that brings it names it (gunicorn, python3-uvicorn), which the
 * RUN's mention of the program covers; other system packages do not (round 73: ffmpeg).
 */
const BRINGS = /\b(pip3?|pipx|poetry|uv|pipenv|pdm|conda|mamba|micromamba|curl|wget|python3?\s+-m\s+(pip|venv|virtualenv)|virtualenv)\b|\.sh\b/;

/** The program the container starts, and its word: ENTRYPOINT's first, else CMD's (the last of each). */
function startProgram(a: Analysis, stage: Stage): Word | undefined {
  let start: Instruction | undefined;
  for (const i of stage.instructions) {
    if (i.upper === 'ENTRYPOINT' || (i.upper === 'CMD' && start?.upper !== 'ENTRYPOINT')) start = i;
  }
  if (!start) return undefined;
  if (start.exec) return start.exec.items[0];
  const info = a.shell(start);
  const first = info ? commandsOf({ instruction: start, stage, info })[0] : undefined;
  if (!first || first.raw.nested || first.raw.statement !== 0) return undefined;
  // `exec uvicorn ...`: the word the wrappers leave, by its position in the instruction.
  const span = info!.span(first.raw.start, first.raw.end);
  return start.words.find((w) => w.span.start >= span.start && w.value === first.name);
}

const SITE_PACKAGES = /\/(site|dist)-packages\/?$/;
const BIN = /(^|\/)bin(\/|$)/;
/** The root or /usr/local as a whole: a prefix pip installed into. */
const PREFIX = /^(\/|\/usr\/?|\/usr\/local\/?)$/;

export const pythonScriptsLeftBehind = rule({
  id: 'python-scripts-left-behind', severity: 'error',
  explain: () => [
    t('pip installs a package\'s modules in site-packages and its programs (uvicorn, gunicorn, celery, flask...) in the bin folder beside the interpreter: /usr/local/bin on the python images. A stage that copies only site-packages from the stage that ran pip has the modules but not the programs, so a CMD or ENTRYPOINT that starts one stops at once with "executable file not found in $PATH".'),
    t('Copy the programs too (COPY --from=builder /usr/local/bin /usr/local/bin), start the module through the interpreter (python -m uvicorn), or install into a virtual environment and copy it whole with its bin folder on PATH.'),
    t('Said only on a stage built FROM the python image (whose bin folder has python and pip only) that copies no bin folder, sets no PATH and installs nothing itself.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  const { used, finalImage } = stageUse(a);
  const parents = new Set(a.doc.stages.map((s) => a.parentOf(s.index)));
  for (const stage of ctx.scope.stages) {
    // A stage that only feeds others starts nothing; one another is built FROM may get the program there.
    if (a.parentOf(stage.index) >= 0 || parents.has(stage.index) || (used.has(stage.index) && !finalImage.has(stage.index))) continue;
    const image = repositoryAndTag(a.rootImage(stage));
    if (!image || image.repository.replace(/^(docker\.io\/)?(library\/)?/, '') !== 'python') continue;
    const program = startProgram(a, stage);
    const module = program && SCRIPTS[program.value];
    if (!program || !module) continue;
    let from: string | undefined;
    let leaves = true;
    for (const i of stage.instructions) {
      if (i.upper === 'COPY' || i.upper === 'ADD') {
        const { sources, dest } = copyArgs(i);
        const stageName = i.flags.find((f) => f.name === 'from')?.value;
        for (const s of sources) {
          if (stageName && SITE_PACKAGES.test(s.value)) from ??= stageName;
          // A bin folder or the program itself copied: it may be there.
          else if (BIN.test(s.value) || s.value.endsWith(`/${program.value}`) || PREFIX.test(s.value)) leaves = false;
        }
        // Into a bin folder, or a whole prefix (pip install --prefix=/install, copied to /usr/local).
        if (dest && (BIN.test(dest.value) || PREFIX.test(dest.value))) leaves = false;
      } else if (i.upper === 'ENV' && /\bPATH\b/.test(i.argText)) leaves = false;
      else if (i.upper === 'RUN' && (BRINGS.test(i.argText) || i.argText.includes(program.value))) leaves = false;
      else if (i.upper === 'ONBUILD') leaves = false;
      if (!leaves) break;
    }
    if (!leaves || from === undefined) continue;
    ctx.report(program.span, t('{0} is not in this image: pip put the {0} program in the bin folder of the stage that installed it ({1}), and this stage copies only its site-packages, so the container stops with "executable file not found in $PATH". Copy /usr/local/bin from {1} too, or start it with python -m {2}.', program.value, from, module));
  }
});

export const pythonScriptRules = [pythonScriptsLeftBehind];
