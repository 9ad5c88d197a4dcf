// Crafted inputs that once hung, exhausted or crashed language servers: huge, binary, deeply
// nested, exponentially expanding, or odd Unicode. Shared by bench/pathological.mjs (which times
// them) and the unit tests (which check the answers). Each has a language, a file name and a text
// built by a function, so nothing large is kept in the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus');

/** Deterministic pseudo-random bytes (xorshift), so "binary" is the same on every run. */
function pseudoRandom(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function corpusText(kind) {
  const dir = path.join(CORPUS, kind);
  return fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** Repeats `unit` (with a counter substituted for `#`) until the text reaches `bytes`. */
function repeatTo(bytes, unit) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = unit(i);
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

function binary(bytes, seed) {
  const next = pseudoRandom(seed);
  let s = '';
  for (let i = 0; i < bytes; i++) s += String.fromCharCode(next() & 0xff);
  return s;
}

const MB = 1024 * 1024;
/** `n` lines made by `f`, joined. */
const lines = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

export const PATHOLOGICAL_INPUTS = [
  // Size
  { name: '10 MB Dockerfile (corpus repeated)', language: 'dockerfile', file: 'Dockerfile', text: () => { const c = corpusText('dockerfiles'); return repeatTo(10 * MB, () => `${c}\n`); } },
  { name: '10 MB compose file (5 services repeated)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n${repeatTo(10 * MB, (i) => `  web${i}:\n    image: nginx:1.27\n    ports: ["${8000 + (i % 1000)}:80"]\n    environment:\n      A: "\${A:-x}"\n    depends_on: [db${i}]\n  db${i}:\n    image: postgres:16\n`)}` },
  { name: '100,000-line Dockerfile', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine:3.20\n${Array.from({ length: 99_999 }, (_, i) => (i % 3 === 0 ? `RUN echo ${i} && apk add --no-cache curl` : i % 3 === 1 ? `ENV V${i}=value${i}` : `COPY f${i} /srv/f${i}`)).join('\n')}\n` },
  { name: '2 MB single line (Dockerfile RUN)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN echo ${'a'.repeat(2 * MB)}\n` },
  { name: '2 MB single line (compose value)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: ${'a'.repeat(2 * MB)}\n` },
  { name: 'binary, 1 MB (as a Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => binary(MB, 7) },
  { name: 'binary, 1 MB (as a compose file)', language: 'dockercompose', file: 'compose.yaml', text: () => binary(MB, 11) },
  // Expansion bombs
  { name: 'YAML alias bomb (9 levels of 9 aliases)', language: 'dockercompose', file: 'compose.yaml', text: () => { const lines = ['x-a0: &a0 ["lol"]']; for (let i = 1; i <= 9; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`); lines.push('services:', '  web:', '    image: nginx', '    command: *a9'); return `${lines.join('\n')}\n`; } },
  { name: 'merge-key bomb (7 levels of 9 merges)', language: 'dockercompose', file: 'compose.yaml', text: () => mergeBomb(7) },
  { name: 'merge-key bomb, 2 KB (20 levels)', language: 'dockercompose', file: 'compose.yaml', text: () => mergeBomb(20) },
  { name: 'ENV doubling (40 lines of E=${E0}${E0})', language: 'dockerfile', file: 'Dockerfile', text: () => doubling('ENV', 40) },
  { name: 'ARG doubling (40 lines)', language: 'dockerfile', file: 'Dockerfile', text: () => doubling('ARG', 40) },
  { name: '5,000 chained ARGs', language: 'dockerfile', file: 'Dockerfile', text: () => `ARG A0=start\n${Array.from({ length: 5000 }, (_, i) => `ARG A${i + 1}=\${A${i}}x`).join('\n')}\nFROM alpine:\${A5000}\nRUN echo \${A5000}\n` },
  // Depth
  { name: '10,000-deep flow nesting (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` },
  { name: '10,000-deep block nesting (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `x-deep: ${'- '.repeat(10_000)}end\nservices:\n  web:\n    image: nginx\n` },
  { name: '1,000-deep indented mappings (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `x-deep:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} end\nservices:\n  web:\n    image: nginx\n` },
  { name: '10,000-deep ${A:-…} (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: "${'${A:-'.repeat(10_000)}x${'}'.repeat(10_000)}"\n` },
  { name: '50,000-deep ${A:-… unclosed (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: "${'${A:-'.repeat(50_000)}"\n` },
  { name: '10,000-deep ${A:-…} (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nENV X=${'${A:-'.repeat(10_000)}x${'}'.repeat(10_000)}\nRUN echo $X\n` },
  { name: '10,000-deep $((…)) in RUN', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN echo $${'('.repeat(10_000)}1${')'.repeat(10_000)}\n` },
  { name: '10,000-deep subshells in RUN', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN ${'('.repeat(10_000)}true${')'.repeat(10_000)}\n` },
  // Scale
  { name: 'flow-style compose, 60,000 services on one line', language: 'dockercompose', file: 'compose.yaml', text: () => `services: {${Array.from({ length: 60_000 }, (_, i) => `s${i}: {image: nginx}`).join(', ')}}\n` },
  // Long runs (patterns that backtrack over them are quadratic)
  { name: '200,000 spaces inside lines (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `# syntax=docker/dockerfile:1${' '.repeat(200_000)}x\nFROM alpine\nRUN echo a${' '.repeat(200_000)}b   \n# a${' '.repeat(200_000)}b\nENV A=1${' '.repeat(200_000)}B=2\n` },
  { name: '200,000 spaces inside lines (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: a${' '.repeat(200_000)}b   \n    command: x${' '.repeat(200_000)}#${' '.repeat(200_000)}y\n  a${' '.repeat(200_000)}b:\n    image: c\n` },
  // Many things
  { name: '50,000 stages (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => Array.from({ length: 50_000 }, (_, i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a\n`).join('') },
  { name: 'heredoc of 200,000 lines', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN <<EOF\n${'echo $HOME && ls "$PWD"\n'.repeat(200_000)}EOF\n` },
  { name: '10,000-deep exec form brackets', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nCMD ${'['.repeat(10_000)}"x"${']'.repeat(10_000)}\nRUN ["${'\\\\'.repeat(50_000)}"]\n` },
  { name: '15,000 chained aliases (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `x-a: &a0 {image: nginx}\n${Array.from({ length: 15_000 }, (_, i) => `x-${i + 1}: &a${i + 1} *a${i}\n`).join('')}services:\n  web: *a15000\n` },
  { name: 'block scalar of 200,000 lines (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: |\n${'      echo ${HOME} $$x\n'.repeat(200_000)}` },
  // Unicode
  { name: 'BOM, CRLF and U+2028/U+2029/U+3000 lines (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `\ufeffFROM alpine\r\n\u2028\r\n\u2029\r\n\u3000\r\nRUN echo hi\r\n`.repeat(2000) },
  { name: 'lone surrogates (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN echo \ud800 \udc00x\nENV A=\udfff\nLABEL x="\ud83d"\n`.repeat(5000) },
  { name: 'lone surrogates (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n${Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    image: "nginx\ud800"\n    command: \udc00x\n`).join('')}` },
  // More of the same kinds, in other shapes
  { name: 'alias bomb of mappings used as environment (9 levels)', language: 'dockercompose', file: 'compose.yaml', text: () => { const lines = ['x-a0: &a0 {A: "${X:-x}"}']; for (let i = 1; i <= 9; i++) lines.push(`x-a${i}: &a${i} {${Array.from({ length: 9 }, (_, k) => `k${k}: *a${i - 1}`).join(', ')}}`); lines.push('services:', '  web:', '    image: nginx', '    environment: *a9', '    labels: *a9', '    deploy: {labels: *a9}'); return `${lines.join('\n')}\n`; } },
  { name: 'alias bomb of block sequences used as services', language: 'dockercompose', file: 'compose.yaml', text: () => { const lines = ['x-s0: &s0', '  image: nginx', '  command: ["${A}"]']; for (let i = 1; i <= 9; i++) { lines.push(`x-s${i}: &s${i}`); for (let k = 0; k < 9; k++) lines.push(`  k${k}: *s${i - 1}`); } lines.push('services: *s9'); return `${lines.join('\n')}\n`; } },
  { name: '10,000-deep flow mappings (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    labels: ${'{a: '.repeat(10_000)}x${'}'.repeat(10_000)}\n` },
  { name: '2 MB of tabs, quotes and backslashes on three lines (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN echo ${'\t"\\\'`'.repeat(200_000)}\nENV A="${'\\"'.repeat(250_000)}"\nLABEL b='${'\t\\'.repeat(250_000)}\n` },
  { name: 'just under 1 MB of tabs, quotes and backslashes on three lines (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: "${'\\"\t\\\\'.repeat(80_000)}"\n    entrypoint: '${"''\t".repeat(100_000)}'\n    working_dir: ${'\t\\'.repeat(150_000)}\n` },
  { name: '10,000 heredocs on one RUN', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN ${Array.from({ length: 10_000 }, (_, i) => `<<E${i}`).join(' ')} cat\n${Array.from({ length: 10_000 }, (_, i) => `echo ${i}\nE${i}\n`).join('')}` },
  { name: '20,000 RUN heredocs', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\n${'RUN <<EOF\nset -e\necho "$HOME"\nEOF\nCOPY <<-"X" /a\n\tb\n\tX\n'.repeat(10_000)}` },
  { name: '5,000 ARG chains in one instruction, defaults and self-references', language: 'dockerfile', file: 'Dockerfile', text: () => `ARG ${Array.from({ length: 5000 }, (_, i) => `A${i + 1}=\${A${i}:-\${A${i}}}x`).join(' ')}\nFROM alpine\nARG A=\${A}\${A}\n${'ARG A=${A}${A}\n'.repeat(60)}ENV ${Array.from({ length: 40 }, (_, i) => `B${i + 1}=$B${i}$B${i}`).join(' ')}\nRUN echo $A $B40 $A5000\n` },
  { name: 'CR-only line breaks, 100,000 lines (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\r${'RUN echo a \\\r  && echo b\rENV X=1\r'.repeat(33_000)}` },
  { name: 'CR-only line breaks (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\r${Array.from({ length: 20_000 }, (_, i) => `  s${i}:\r    image: nginx\r    environment:\r      A: "\${A:-x}"\r`).join('')}` },
  { name: 'BOM and NUL mixed through the text (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `\ufeff\ufeffFROM alpine\n${'RUN echo \ufeff\u0000x\nENV \u0000A=\ufeff\n\ufeffCOPY a b\n'.repeat(20_000)}` },
  { name: 'BOM and NUL mixed through the text (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `\ufeffservices:\n${Array.from({ length: 10_000 }, (_, i) => `  s${i}:\n    image: "\u0000nginx\ufeff"\n    command: \ufeff\u0000x\n`).join('')}` },
  // Added with the second run: the same kinds in yet other shapes
  { name: '100,000 ENV lines, each using the one before', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nENV E0=x\n${Array.from({ length: 100_000 }, (_, i) => `ENV E${i + 1}=\${E${i}}x`).join('\n')}\nRUN echo $E100000\n` },
  { name: '30,000 stages, each FROM and COPY --from the one before', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine AS s0\n${Array.from({ length: 30_000 }, (_, i) => `FROM s${i} AS s${i + 1}\nCOPY --from=s${i} /a /a\n`).join('')}` },
  { name: '20,000 chained extends (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  s0:\n    image: nginx\n${Array.from({ length: 20_000 }, (_, i) => `  s${i + 1}:\n    extends: s${i}\n`).join('')}` },
  { name: '10 MB of # comments (Dockerfile)', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\n${repeatTo(10 * MB, (i) => `# comment ${i} \${A:-\${B}} "'\\\n`)}RUN true\n` },
  { name: '5 MB LABEL with escapes', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nLABEL a="${'\\"x\\\\ \\$A'.repeat(500_000)}" \\\n  b=${'\\ '.repeat(250_000)}\n` },
  { name: 'just under 1 MB of # comments (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n${repeatTo(1000 * 1024, (i) => `# comment ${i} \${A:-x} &a *b <<: \n`)}` },
  // Added with the third run: more shapes of the same kinds (continuations, exec forms, flags, documents, cycles, tags)
  { name: '100,000 continuation lines in one RUN', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN echo start \\\n${'  && echo "$HOME" \\\n'.repeat(100_000)}  true\n` },
  { name: 'exec form with 300,000 strings', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nCMD [${Array.from({ length: 300_000 }, () => '"a"').join(',')}]\n` },
  { name: '1 MB key (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  ${'k'.repeat(MB)}:\n    image: nginx\n` },
  { name: '50,000 interpolations on one line (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    command: "${'${V:-x}'.repeat(50_000)}"\n` },
  { name: 'FROM with 50,000 flags', language: 'dockerfile', file: 'Dockerfile', text: () => `ARG X=linux/amd64\nFROM ${'--platform=$X '.repeat(50_000)}alpine\nRUN true\n` },
  { name: 'escape=` and 100,000 backtick continuations', language: 'dockerfile', file: 'Dockerfile', text: () => `# escape=\`\nFROM alpine\nRUN echo a \`\n${'  b `\n'.repeat(100_000)}  c\n` },
  { name: '20,000 nested ONBUILD ONBUILD', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\n${'ONBUILD ONBUILD RUN echo $X\n'.repeat(20_000)}` },
  { name: '10,000 YAML documents (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => lines(10_000, (i) => `---\nservices:\n  s${i}:\n    image: nginx`) },
  { name: '50,000 anchors each used once (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `x-a:\n${lines(50_000, (i) => `  - &a${i} v${i}`)}\nx-b:\n${lines(50_000, (i) => `  - *a${i}`)}\nservices:\n  web:\n    image: nginx\n` },
  { name: 'RUN with 100,000 && commands', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN ${Array.from({ length: 100_000 }, (_, i) => `echo ${i}`).join(' && ')}\n` },
  { name: '5,000-deep $( in RUN, unclosed quotes', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine\nRUN ${'$(echo "'.repeat(5_000)}x\n` },
  { name: '200,000 ARG names in one ARG', language: 'dockerfile', file: 'Dockerfile', text: () => `ARG ${Array.from({ length: 200_000 }, (_, i) => `A${i}=$A${Math.max(0, i - 1)}`).join(' ')}\nFROM alpine\n` },
  { name: 'compose 100,000-item port list', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    ports:\n${lines(100_000, (i) => `      - "${i % 65535}:80"`)}\n` },
  { name: '1,900 services in one depends_on cycle (compose)', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n${lines(1_900, (i) => `  s${i}:\n    image: nginx\n    depends_on: [s${(i + 1) % 1900}]`)}\n` },
  { name: 'Dockerfile of 300,000 blank lines between two stages', language: 'dockerfile', file: 'Dockerfile', text: () => `FROM alpine AS a\n${'\n'.repeat(300_000)}FROM a\nRUN true\n` },
  { name: 'compose tag bomb: 100,000 !!str and !reset tags', language: 'dockercompose', file: 'compose.yaml', text: () => `services:\n  web:\n    image: nginx\n    environment:\n${lines(100_000, (i) => `      E${i}: ${i % 2 ? '!!str' : '!reset'} v`)}\n` },
];

/** `<<: [*m0 ×9]` nested `levels` deep: exponential for a naive merge. */
export function mergeBomb(levels) {
  const lines = ['x-m0: &m0', '  x-a: 1', '  x-b: 2'];
  for (let i = 1; i <= levels; i++) lines.push(`x-m${i}: &m${i}`, `  <<: [${Array(9).fill(`*m${i - 1}`).join(', ')}]`, `  x-k${i}: ${i}`);
  lines.push('services:', '  web:', `    <<: *m${levels}`, '    image: nginx');
  return `${lines.join('\n')}\n`;
}

/** `KIND E1=${E0}${E0}` … : each value twice the size of the one before. */
export function doubling(kind, lines) {
  const out = ['FROM alpine', `${kind} E0=ab`];
  for (let i = 1; i <= lines; i++) out.push(`${kind} E${i}=\${E${i - 1}}\${E${i - 1}}`);
  out.push(`RUN echo \${E${lines}}`);
  return `${out.join('\n')}\n`;
}
