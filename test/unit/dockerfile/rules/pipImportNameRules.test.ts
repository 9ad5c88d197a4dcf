import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';

const folder = 'file:///work/app';

test('pip-import-name', async (t) => {
  await checkRuleCases(t, [
    { rule: 'pip-import-name', bad: 'FROM python:3.12\nRUN pip install cv2\n', good: 'FROM python:3.12\nRUN pip install opencv-python-headless\n', line: 1 },
  ], assert);
});

test('pip-import-name: import names given to pip, in a RUN or a requirements file of the build context, with the published name as the fix (round 30: pip install sklearn)', () => {
  const found = runRule('pip-import-name', 'FROM python:3.11\nRUN pip3 install -U pip && pip3 install "PIL" yaml==6.0 sklearn>=1 torch\nRUN python -m pip install cv2[extra]\n');
  assert.deepEqual(found.map((d) => [d.range.start.line, (d.data as { replacement?: string } | undefined)?.replacement]), [[1, 'Pillow'], [1, 'PyYAML'], [1, 'scikit-learn'], [2, 'opencv-python-headless']]);
  assert.equal(found[1]!.message, 'yaml is the name a program imports, but no package of that name can be installed ("No matching distribution found for yaml"), so the build stops. Install PyYAML, which provides it.');
  const ctx = context({ files: files({ [`${folder}/requirements.txt`]: 'numpy==1.26.4\nsklearn  # models\nopencv-python==4.9.0.80\n', [`${folder}/app.py`]: '' }, [folder]) });
  const fromFile = runRule('pip-import-name', 'FROM python:3.11\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n', ctx, `${folder}/Dockerfile`);
  assert.deepEqual(fromFile.map((d) => d.range.start.line), [2]);
  assert.match(fromFile[0]!.message, /^sklearn {2}# models \(in requirements.txt\): sklearn is the name/);
  // The real names, an exact pin of the old placeholder, other commands, and uninstall are left alone.
  for (const text of ['FROM python:3.11\nRUN pip install scikit-learn pillow pyyaml opencv-python sklearn==0.0\n', 'FROM python:3.11\nRUN pip uninstall -y cv2\n', 'FROM python:3.11\nRUN python -c "import cv2, yaml"\n', 'FROM python:3.11\nRUN pip install -e ./yaml\n']) assert.deepEqual(runRule('pip-import-name', text), [], text);
});
