import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';

const BUILDER = 'FROM python:3.13-slim AS builder\nWORKDIR /app\nCOPY pyproject.toml poetry.lock* /app/\nRUN pip install poetry && poetry config virtualenvs.create false && poetry install\nCOPY . /app\n';
const SITE = 'COPY --from=builder /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages\nCOPY --from=builder /app /app\n';

test('python script rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'python-scripts-left-behind', bad: `${BUILDER}FROM python:3.13-slim\nWORKDIR /app\n${SITE}CMD ["uvicorn", "app.main:app"]\n`, good: `${BUILDER}FROM python:3.13-slim\nWORKDIR /app\n${SITE}COPY --from=builder /usr/local/bin /usr/local/bin\nCMD ["uvicorn", "app.main:app"]\n`, line: 9 },
  ], assert);
});

test('python-scripts-left-behind: a program started from copied site-packages, in exec and shell form (round 73: two services, CMD ["uvicorn", ...])', () => {
  const found = (text: string) => runRule('python-scripts-left-behind', text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
  const final = (rest: string) => `${BUILDER}FROM python:3.13-slim\nWORKDIR /app\n${SITE}${rest}`;
  assert.deepEqual(found(final('CMD ["uvicorn", "app.main:app"]\n')), [[9, 5, 14]]);
  assert.deepEqual(found(final('CMD exec gunicorn -b 0.0.0.0:8000 app.wsgi\n')), [[9, 9, 17]]);
  assert.deepEqual(found(final('ENTRYPOINT ["celery"]\nCMD ["-A", "app", "worker"]\n')), [[9, 12, 20]]);
  const [d] = runRule('python-scripts-left-behind', final('CMD ["uvicorn", "app.main:app"]\n'));
  assert.equal(d!.message, 'uvicorn is not in this image: pip put the uvicorn program in the bin folder of the stage that installed it (builder), and this stage copies only its site-packages, so the container stops with "executable file not found in $PATH". Copy /usr/local/bin from builder too, or start it with python -m uvicorn.');
  assert.equal(validateDockerfile(final('CMD ["uvicorn", "app.main:app"]\n')).find((x) => x.code === 'python-scripts-left-behind')?.severity, 1);
});

test('python-scripts-left-behind: not where the program may be there or is not started by its name', () => {
  const none = (text: string) => assert.deepEqual(runRule('python-scripts-left-behind', text), [], text);
  const final = (rest: string, from = 'python:3.13-slim') => `${BUILDER}FROM ${from}\nWORKDIR /app\n${SITE}${rest}`;
  // Through the interpreter, by a path, a program no package brings, an entrypoint script.
  none(final('CMD ["python", "-m", "uvicorn", "app.main:app"]\n'));
  none(final('CMD ["/usr/local/bin/uvicorn", "app.main:app"]\n'));
  none(final('CMD ["python", "main.py"]\n'));
  none(final('ENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app.main:app"]\n'));
  // The bin folder, the program, or a whole prefix copied; a PATH set; something installed here.
  none(final('COPY --from=builder /usr/local/bin/ /usr/local/bin/\nCMD ["uvicorn", "app.main:app"]\n'));
  none(final('COPY --from=builder /usr/local/bin/uvicorn /usr/local/bin/\nCMD ["uvicorn", "app.main:app"]\n'));
  none(final('COPY --from=builder /install /usr/local\nCMD ["uvicorn", "app.main:app"]\n'));
  none(final('ENV PATH=/app/.venv/bin:$PATH\nCMD ["uvicorn", "app.main:app"]\n'));
  none(final('RUN pip install --no-cache-dir uvicorn\nCMD ["uvicorn", "app.main:app"]\n'));
  none(final('RUN apt-get update && apt-get install -y gunicorn\nCMD ["gunicorn", "app.wsgi"]\n'));
  // Another base image (it may carry the program), a stage built FROM another, a stage only others use.
  none(final('CMD ["uvicorn", "app.main:app"]\n', 'tiangolo/uvicorn-gunicorn:python3.11'));
  none(final('CMD ["uvicorn", "app.main:app"]\n', 'builder'));
  none(`${final('CMD ["uvicorn", "app.main:app"]\n').replace(/FROM python:3\.13-slim\nWORKDIR/, 'FROM python:3.13-slim AS app\nWORKDIR')}FROM app AS final\nRUN pip install uvicorn\n`);
  // No site-packages copied from a stage: the program was never pip's.
  none('FROM python:3.13-slim\nCOPY . /app\nCMD ["uvicorn", "app.main:app"]\n');
});

test('python-scripts-left-behind: system packages that are not the program bring nothing (round 73: apt-get install ffmpeg in the final stage)', () => {
  const text = `${BUILDER}FROM python:3.13-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y ffmpeg libsndfile1 && rm -rf /var/lib/apt/lists/*\n${SITE}CMD ["uvicorn", "app.main:app"]\n`;
  assert.equal(runRule('python-scripts-left-behind', text).length, 1);
  assert.deepEqual(runRule('python-scripts-left-behind', text.replace('ffmpeg', 'python3-uvicorn')), []);
});
