import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, findings, validate } from './helpers';

const code = 'compose-folded-comment';
const service = (value: string) => `services:\n  setup:\n    image: confluentinc/cp-kafka:7.4.0\n${value}`;

test('a comment line in a folded shell script swallows the lines after it (round 56: kafka topics never created)', () => {
  const text = service('    entrypoint: >\n      sh -c "\n      # Wait for Kafka to be ready\n      cub kafka-ready -b kafka:9092 1 20 &&\n      kafka-topics --create --topic a --bootstrap-server kafka:9092\n      "\n');
  const [found, ...rest] = findings(validate(text), code);
  assert.deepEqual(rest, []);
  assert.equal(found!.severity, 1);
  assert.equal(covered(text, found!), '# Wait for Kafka to be ready');
  assert.equal(found!.message, 'The entrypoint of "setup" is folded into one line, so the comment "# Wait for Kafka to be ready" runs to the end of the script: sh runs nothing written after it. Write the script as a literal block (|), which keeps its lines, or remove the comment lines.');
  // A quoted multi-line value folds too (in a plain one, the # line would be YAML's own comment); a comment in the middle swallows what follows it.
  assert.equal(findings(validate(service('    command: "bash -c \'apt-get update &&\n      # then the tools\n      apt-get install -y curl\'"\n')), code).length, 1);
  assert.equal(findings(validate(service('    command: >-\n      /bin/sh -ec \'\n      echo start;\n      # migrate\n      ./migrate.sh\'\n')), code).length, 1);
});

test('not where the lines are kept, nothing follows the comment, or no shell reads it', () => {
  for (const value of [
    // A literal block keeps the lines.
    '    entrypoint: |\n      sh -c "\n      # Wait\n      cub kafka-ready -b kafka:9092 1 20\n      "\n',
    // More-indented lines keep their line breaks in a folded value.
    '    entrypoint: >\n      sh -c "\n        # Wait\n        cub kafka-ready -b kafka:9092 1 20\n      "\n',
    // The comment is last: nothing after it is lost.
    '    command: >\n      sh -c "cub kafka-ready -b kafka:9092 1 20\n      # done\n      "\n',
    // One line, a comment at its end.
    '    command: sh -c "run # the comment ends the script here anyway"\n',
    // No shell: compose passes the words to the program.
    '    command: >\n      kafka-topics --create\n      # not a comment to anyone\n      --topic a\n',
    // Exec form items are not folded.
    '    command:\n      - sh\n      - -c\n      - |\n        # Wait\n        cub kafka-ready -b kafka:9092 1 20\n',
  ]) assert.deepEqual(findings(validate(service(value)), code), [], value);
});

test('a comment inside a quoted script of sh -c is the quoted program\'s: named as its reader, or not said where that program reads no # comment (round 74: python -c \'...\')', () => {
  const python = service('    command: >\n      sh -c "\n      pip install croniter &&\n      python -c \'\n      import time\n      # the backup module\n      import sys\n      sys.exit(0)\n      \'\n      "\n');
  const [found, ...rest] = findings(validate(python), code);
  assert.deepEqual(rest, []);
  assert.equal(covered(python, found!), '# the backup module');
  assert.match(found!.message, /runs to the end of the script: python runs nothing written after it\./);
  // node -e reads no # comment; a # inside a quoted argument of echo is text.
  assert.deepEqual(findings(validate(service('    command: >\n      sh -c "\n      node -e \'\n      # not a comment to node\n      console.log(1)\n      \'\n      "\n')), code), []);
  assert.deepEqual(findings(validate(service('    command: >\n      sh -c "echo \'\n      # a heading\n      more text\n      \'\n      "\n')), code), []);
});
