import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

const rule = 'masked-install-failure';

test('masked install failure rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'masked-install-failure', bad: 'FROM opensuse/leap:15.6\nRUN zypper install -y git; zypper clean\n', good: 'FROM opensuse/leap:15.6\nRUN zypper install -y git && zypper clean\n', line: 1 },
  ], assert);
});

test('masked-install-failure: an install followed by ; or another heredoc line, without set -e', () => {
  const [finding, ...rest] = runRule(rule, 'FROM debian:12\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n');
  assert.deepEqual(rest, []);
  assert.match(finding!.message, /^If apt-get fails, this RUN goes on/);
  assert.equal(finding!.range.start.character, 20);
  assert.equal(runRule(rule, 'FROM python:3.12\nRUN <<EOF\npip install -r requirements.txt\nrm -rf /root/.cache\nEOF\n').length, 1);
  assert.equal(runRule(rule, 'FROM alpine:3.20\nRUN apk add --no-cache git && echo ok; rm -rf /tmp/*\n').length, 1);
});

test('masked-install-failure: set -e, && chains, handled failures and installs that end the script are fine', () => {
  for (const text of [
    'FROM debian:12\nRUN set -eux; apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update; apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get install -y optional-tool || echo "not available"; echo done\n',
    'FROM python:3.12\nRUN pip install extras; true\n',
    'FROM python:3.12\nRUN pip install a; if [ $? -ne 0 ]; then exit 1; fi\n',
    'FROM debian:12\nRUN for p in a b; do apt-get install -y $p; done; echo done\n',
    'FROM python:3.12\nRUN <<EOF\nset -e\npip install -r requirements.txt\nrm -rf /root/.cache\nEOF\n',
    // A later command that needs the packages fails in its turn; apt-get -f install repairs a dpkg -i.
    'FROM debian:12\nRUN apt-get update && apt-get install -y gnupg; gpg --recv-keys ABCD; rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y wget && dpkg -i chrome.deb ; apt-get -fy install\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});

test('masked-install-failure: a fallback at the end of an && chain catches the install too', () => {
  const [d] = runRule(rule, 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* || true\n');
  assert.equal(d?.message, 'The || true at the end of this && chain also catches a failure of apt-get, so the RUN succeeds without the packages. Keep the fallback with the command it is meant for: ... && (rm -rf /var/lib/apt/lists/* || true).');
  assert.deepEqual([d!.range.start.character, d!.range.end.character], [22, 45]);
  // set -e does not stop at a command of a || list, so it does not help.
  assert.equal(runRule(rule, 'FROM node:22\nRUN set -e; npm install && npm run build || echo "build failed"\n').length, 1);
  assert.equal(runRule(rule, 'FROM python:3.12\nRUN pip install -r requirements.txt \\\n    && python -m compileall . || exit 0\n').length, 1);
  for (const text of [
    // The fallback right after the install: made optional on purpose.
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl || true\n',
    // Kept with the command it is meant for.
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && (rm -rf /var/lib/apt/lists/* || true)\n',
    'FROM debian:12\nRUN apt-get install -y curl && { rm -rf /tmp/x || true; }\n',
    // A fallback that does something else: handled.
    'FROM debian:12\nRUN apt-get install -y curl && rm -rf /x || (echo failed; exit 1)\n',
    'FROM debian:12\nRUN apt-get install -y curl && rm -rf /x || exit 1\n',
    // The install is not in the chain the fallback ends.
    'FROM debian:12\nRUN apt-get install -y curl; rm -rf /x || true\n',
  ]) assert.deepEqual(runRule(rule, text), [], text);
});

test('masked-install-failure: a heredoc fed to a shell is its script, and the shell\'s -e counts', () => {
  const script = 'pip install -r requirements.txt\nrm -rf /root/.cache\nEOF\n';
  assert.equal(runRule(rule, `FROM python:3.12\nRUN <<EOF bash\n${script}`).length, 1);
  assert.equal(runRule(rule, `FROM python:3.12\nRUN sh <<EOF\n${script}`)[0]?.range.start.line, 2);
  assert.deepEqual(runRule(rule, `FROM python:3.12\nRUN <<EOF bash -e\n${script}`), []);
  assert.deepEqual(runRule(rule, `FROM python:3.12\nRUN /bin/sh -eux <<EOF\n${script}`), []);
});
