// Our shell parser against mvdan-sh, the parser it replaced (kept as a test-only oracle in
// test/support/mvdanShellSummary.ts): every script of the corpus and a generated set must give the
// same summary, but for the differences listed here, each with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize as ours, type ShellSummary } from '../../../../server/src/core/dockerfile/syntax/shell/parseShell';
import { mvdanShellSummary } from '../../../support/mvdanShellSummary';
import { corpusScripts, summaryDifferences } from '../../../support/shellDifferential';

/**
 * The old walker put a `$'...'` bashism one character before its `$` (it took the quote's
 * position minus one, but mvdan's position is already the `$`): ours starts at the `$`.
 */
function oracle(source: string): ShellSummary {
  const s = mvdanShellSummary(source);
  for (const b of s.bashisms) if (b.what === "$'...'" && source[b.start + 1] === '$') b.start++;
  return s;
}

/**
 * Corpus scripts where mvdan reports a syntax error and we stop reading quietly. All are
 * PowerShell (Windows images; `powershell -Command` followed by unquoted PowerShell): `Cmd ('x')`
 * or `$((...)` break bash too, but a `(` after a command's words is not one of the errors we
 * report (our parser stops quietly at what it does not take). The rules never see them as shell
 * when the SHELL is PowerShell.
 */
const MVDAN_ONLY_ERRORS = new Set([
  'dockerfiles/docker-library__docker__29__windows__windowsservercore-ltsc2022__Dockerfile:2',
  'dockerfiles/docker-library__docker__29__windows__windowsservercore-ltsc2022__Dockerfile:5',
  'dockerfiles/docker-library__docker__29__windows__windowsservercore-ltsc2022__Dockerfile:9',
  'dockerfiles/docker-library__docker__29__windows__windowsservercore-ltsc2022__Dockerfile:13',
  'dockerfiles/docker-library__golang__1.26__windows__windowsservercore-ltsc2025__Dockerfile:6',
  'dockerfiles/docker-library__golang__1.26__windows__windowsservercore-ltsc2025__Dockerfile:8',
  'dockerfiles/docker-library__golang__1.26__windows__windowsservercore-ltsc2025__Dockerfile:10',
  'dockerfiles/docker-library__python__3.13__windows__windowsservercore-ltsc2025__Dockerfile:5',
  'dockerfiles/docker-library__python__3.14__windows__windowsservercore-ltsc2022__Dockerfile:5',
  'dockerfiles/dotnet__dotnet-docker__samples__aspnetapp__Dockerfile.windowsservercore-iis:1',
  'dockerfiles/dotnet__dotnet-docker__src__aspnet__10.0__nanoserver-ltsc2022__amd64__Dockerfile:2',
  'dockerfiles/dotnet__dotnet-docker__src__aspnet__10.0__windowsservercore-ltsc2025__amd64__Dockerfile:2',
  'dockerfiles/dotnet__dotnet-docker__src__aspnet__8.0__nanoserver-1809__amd64__Dockerfile:2',
  'dockerfiles/dotnet__dotnet-docker__src__runtime__10.0__windowsservercore-ltsc2022__amd64__Dockerfile:1',
]);

test('every corpus script: the same summary as mvdan-sh, but for the listed differences', () => {
  const scripts = corpusScripts();
  assert.ok(scripts.length > 400, `scripts: ${scripts.length}`);
  const unexpected: string[] = [];
  const seen = new Set<string>();
  for (const { name, text } of scripts) {
    const a = ours(text);
    const b = oracle(text);
    if (MVDAN_ONLY_ERRORS.has(name)) {
      seen.add(name);
      if (a.error || !b.error) unexpected.push(`${name}: listed as an error only mvdan reports`);
      continue;
    }
    const d = summaryDifferences(a, b);
    if (d.length > 0) unexpected.push(`${name}: ${JSON.stringify(text.slice(0, 200))}\n  ${d.join('\n  ')}`);
  }
  assert.deepEqual(unexpected, []);
  assert.equal(seen.size, MVDAN_ONLY_ERRORS.size, 'every listed difference still occurs');
});

// ---- generated scripts ----

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIMPLE = [
  'echo a', 'ls -l "$x"', "printf '%s' 'b c'", 'apt-get install -y curl', 'a=$(b c)', 'X=1 Y=2 env', 'echo ${v:-$(d e)}', 'echo ${v#*/} ${#v} $1 $@ $?',
  'cmd 2>&1 >/dev/null', 'cmd > "$f" < in', 'echo "$(i "j")" `k`', 'echo $((1 + 2)) $[3]', 'export A=1 B', 'local b=$(c)', 'test -f x', '[ a == b ]', 'source f',
  'echo a\\ b "c\\"d" \\$e', 'echo ~/x {a,b} *.txt', 'echo "a ${b} c"', 'wget -qO- "$u" | tar -xz', 'rm -rf /var/lib/apt/lists/*', 'cd /x', 'true', ':',
];
const BASH = ['[[ -f x && $y == z* ]]', '(( i++ ))', "echo $'q\\n'", 'diff <(a) >(b)', 'cmd &> f', 'cat <<< w', 'a=(1 2 3)', 'let i=1', 'echo ${v/a/b} ${v:1:2}', 'echo ${!v} ${v[0]} ${v^^}', 'function f { g; }', 'echo @(a|b)', 'a |& b', 'echo $"t"', 'declare -A m', 'x+=1'];
const COMPOUND = [
  '{ a; b; }', '(a && b)', 'if a; then b; elif c; then d; else e; fi', 'for i in 1 2 $(seq 3); do e $i; done', 'for ((i=0; i<3; i++)); do e; done',
  'while r; do s; done', 'until r; do s; done', 'case $x in a|b) y;; (c) z;& *) w;;& esac', 'f() { g "$@"; }', 'select s in a b; do t; done', 'time t', '! n', 'coproc c',
  'cat <<EOF\nbody $(not) `walked`\nEOF\n', 'cat <<-"E" > f\n\tx\n\tE\n', 'a <<A; b <<\'B\'\n1\nA\n2\nB\n',
];
/**
 * mvdan reads `f() { g; } || x` as a function whose body is the whole `{ g; } || x` (commands after
 * it nested); bash's body is the compound command alone, as ours. Scripts with it are not compared.
 */
const FUNCTION_IN_LIST = /(\(\)|function \w+) *\{[^}]*\} *(&&|\|\||\|)/;
const FUNCTION_AT_END = /(\(\)|function \w+) *\{[^}]*\}$/;
/**
 * Where mvdan reads differently from bash (ours follows bash), broken scripts are not compared:
 * functions in a list (above); `$v#x`, where mvdan starts a comment at the `#` (bash: part of the word).
 */
const NOT_COMPARED = [FUNCTION_IN_LIST, /\$\w+#/, /#[^\n]*\\\n/];
/**
 * Errors bash reports and mvdan does not: a comment ending in `\` continues onto the next line in
 * mvdan only (bash: the comment ends at the newline, so `# c \` newline `&& x` fails).
 */
const MVDAN_MISSES = [/#[^\n]*\\\n/];
const SEPARATORS = ['; ', ' && ', ' || ', ' | ', '\n', ' & ', ' \\\n  && ', ';\n', ' # note\n'];

function generate(rand: () => number, depth = 0): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const r = rand();
    let part = r < 0.5 ? pick(SIMPLE) : r < 0.7 ? pick(BASH) : pick(COMPOUND);
    if (depth < 2 && rand() < 0.15) part = pick(['{ X; }', '( X )', 'echo "$( X )"', 'if X; then :; fi', 'while X; do :; done']).replace('X', () => generate(rand, depth + 1).replace(/\n+$/, ''));
    parts.push(part);
    // After a function definition only `;`, `&` or a newline (see FUNCTION_IN_LIST).
    if (i < n - 1) parts.push(part.endsWith('\n') ? '' : FUNCTION_AT_END.test(part) ? '\n' : pick(SEPARATORS));
  }
  return parts.join('');
}

const BREAKERS = ['(', ')', '"', "'", '`', '&&', '|', ';;', 'fi', 'done', 'esac', 'then', '}', '{', '$(', '${', 'if', 'do', '; ;', '&', '\n'];

function breakScript(script: string, rand: () => number): string {
  const at = Math.floor(rand() * (script.length + 1));
  const r = rand();
  if (r < 0.3) return script.slice(0, at);
  if (r < 0.5) return script.slice(0, at) + script.slice(at + 1);
  const token = BREAKERS[Math.floor(rand() * BREAKERS.length)]!;
  return `${script.slice(0, at)} ${token} ${script.slice(at)}`;
}

test('generated scripts: valid ones give the same summary as mvdan-sh', () => {
  const rand = random(20240611);
  const unexpected: string[] = [];
  let compared = 0;
  for (let i = 0; i < 400; i++) {
    const script = generate(rand);
    const b = oracle(script);
    // A few are not (`a | ! b`): mvdan's error is then all there is to compare (see the broken scripts' test).
    if (b.error) continue;
    compared++;
    const d = summaryDifferences(ours(script), b);
    if (d.length > 0) unexpected.push(`${JSON.stringify(script)}\n  ${d.join('\n  ')}`);
  }
  assert.deepEqual(unexpected.slice(0, 5), []);
  assert.ok(compared > 350, `compared: ${compared}`);
});

test('generated broken scripts: an error only where mvdan-sh finds one too', () => {
  const rand = random(77);
  const falseErrors: string[] = [];
  let mvdanErrors = 0;
  let caught = 0;
  for (let i = 0; i < 600; i++) {
    const script = breakScript(generate(rand), rand);
    const a = ours(script);
    const b = oracle(script);
    if (b.error) mvdanErrors++;
    if (a.error && b.error) caught++;
    if (a.error && !b.error && !MVDAN_MISSES.some((r) => r.test(script))) falseErrors.push(`${JSON.stringify(script)}: ${a.error.message}`);
    if (NOT_COMPARED.some((r) => r.test(script))) continue;
    if (!a.error && !b.error) {
      // Both read it: then the summaries agree as well.
      const d = summaryDifferences(a, b);
      if (d.length > 0) falseErrors.push(`${JSON.stringify(script)}\n  ${d.join('\n  ')}`);
    }
  }
  assert.deepEqual(falseErrors.slice(0, 5), []);
  // How many of mvdan's errors we report too (printed for the record; the floor guards against a parser that never errors).
  console.log(`broken scripts: mvdan-sh rejects ${mvdanErrors} of 600, we report ${caught} of those`);
  assert.ok(caught > mvdanErrors / 2, `${caught} of ${mvdanErrors}`);
});
