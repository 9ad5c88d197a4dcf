// Our bash parser, construct by construct: what the summary says, where, and that no input makes
// it throw or run long (the pathological inputs only have to come back, with a limit or an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SHELL_DEPTH, parseShell } from '../../../../server/src/core/dockerfile/syntax/shell/parseShell';
import { summarizeShell } from '../../../../server/src/core/dockerfile/syntax/shell/shellParser';

const names = (source: string) => parseShell(source).commands.map((c) => c.name);
const words = (source: string, i = 0) => parseShell(source).commands[i]!.words.map((w) => w.text);
const bashisms = (source: string) => parseShell(source).bashisms.map((b) => [b.what, source.slice(b.start, b.end), b.busybox]);
const error = (source: string) => parseShell(source).error;

test('words: quotes removed, escapes and expansions kept as written, offsets into the source', () => {
  const source = `echo 'a b' "c \\"d\\" $e" f\\ g $'h' $"i" \${j:-k} $(l) \`m\` $((1+2)) ~/x`;
  const echo = parseShell(source).commands[0]!;
  assert.deepEqual(echo.words.map((w) => [w.text, w.literal]), [
    ['echo', true], ['a b', true], ['c \\"d\\" $e', false], ['f\\ g', true], ['h', true], ['i', true], ['${j:-k}', false], ['$(l)', false], ['`m`', false], ['$((1+2))', false], ['~/x', true],
  ]);
  for (const w of echo.words.slice(1)) assert.ok(/^['"$\\`~a-z]/.test(source.slice(w.start, w.end)));
  assert.equal(source.slice(echo.words[1]!.start, echo.words[1]!.end), "'a b'");
  assert.deepEqual(words('echo a\\\nb'), ['echo', 'ab']);
  // A lone `$` is a literal character, and leaves the word as literal as it was.
  assert.deepEqual(parseShell('echo $ a$ $a$ "$"').commands[0]!.words.map((w) => [w.text, w.literal]), [['echo', true], ['$', true], ['a$', true], ['$a$', false], ['$', true]]);
});

test('a process substitution as a redirection\'s word: < <(find ...) (round 46: mapfile on bash)', () => {
  const source = 'mapfile -t DIRS < <(find /opt -maxdepth 1 -type d) && echo "${DIRS[@]}"';
  assert.equal(error(source), undefined);
  assert.deepEqual(names(source), ['find', 'mapfile', 'echo']);
  assert.ok(bashisms(source).some(([what]) => what === '<( )'));
  assert.equal(error('cat < | x')?.message, '`<` must be followed by a word');
});

test('lists, pipelines, background, statements', () => {
  const s = parseShell('a && b || c | d; e &\nf |& g');
  assert.deepEqual(s.commands.map((c) => [c.name, c.inPipeline, c.background, c.statement]), [
    ['a', false, false, 0], ['b', false, false, 0], ['c', true, false, 0], ['d', true, false, 0], ['e', false, true, 1], ['f', true, false, 2], ['g', true, false, 2],
  ]);
  assert.deepEqual(s.pipelines, [10, 21]);
  assert.equal(s.statements, 3);
  assert.deepEqual(parseShell('a && b &').commands.map((c) => c.background), [false, false]);
  assert.deepEqual(parseShell('! a | b').pipelines, [0]);
});

test('compound commands: their commands are nested', () => {
  for (const source of ['{ a; }', '(a)', 'if a; then a; elif a; then a; else a; fi', 'while a; do a; done', 'until a; do a; done', 'for x in 1 2; do a; done', 'for x; do a; done', 'for ((i=0;i<2;i++)); do a; done', 'select x in 1; do a; done', 'case $x in (p|q) a;; r) a;& *) a;;& esac', 'f() { a; }', 'echo $(a)', 'echo `a`', 'echo "$(a)"', 'echo ${x:-$(a)}', 'diff <(a) >(a)']) {
    const s = parseShell(source);
    assert.equal(s.error, undefined, source);
    const inner = s.commands.filter((c) => c.name === 'a');
    assert.ok(inner.length > 0 && inner.every((c) => c.nested), source);
  }
  // Substitutions come after the command holding them; redirections' before.
  assert.deepEqual(names('x=$(a) >$(b) c $(d)'), ['b', 'a', 'c', 'd']);
  assert.deepEqual(names('time a | coproc b'), ['a', 'b']);
});

test('reserved words only in command position; declarations keep only their name', () => {
  assert.deepEqual(words('echo if then fi done { }'), ['echo', 'if', 'then', 'fi', 'done', '{', '}']);
  assert.deepEqual(parseShell('export A=$(x) B').commands.map((c) => c.words.map((w) => w.text)), [['export']]);
  assert.deepEqual(names('a=1 b+=2 c[0]=3'), []);
  assert.deepEqual(names('A=1 export B'), ['export']);
});

test('bashisms, with what BusyBox accepts', () => {
  assert.deepEqual(bashisms("echo $'x' ${v/a/b} ${v:0:2} ${!v} ${v[1]} ${v^} ${v,,} <(a) &> f; cat <<< w; a=(1); [[ x ]]; (( y )); let z; function f { :; }"), [
    ["$'...'", "$'x'", true], ['${...}', '${v/a/b}', true], ['${...}', '${v:0:2}', true], ['${...}', '${!v}', false], ['${...}', '${v[1]}', false], ['${...}', '${v^}', false], ['${...}', '${v,,}', false],
    ['<( )', '<(a)', true], ['&>', '&> f', true], ['<<<', '<<< w', true], ['arrays', '(1)', false], ['[[ ]]', '[[ x ]]', true], ['(( ))', '(( y ))', true], ['let', 'let', true], ['function', 'function f', true],
  ]);
  assert.deepEqual(bashisms('echo ${v:-a} ${#v} ${v#a} $((1)) "$@"'), []);
});

test('redirections, with fd numbers and {var}', () => {
  assert.deepEqual(words('cmd 2>&1 >/dev/null 3<>f {fd}>g x >| h <&0'), ['cmd', 'x']);
  assert.match(error('cmd >')!.message, /must be followed by a word/);
});

test('here-documents: bodies skipped, several on a line, quoted and tab-stripped delimiters', () => {
  assert.deepEqual(names('cat <<EOF\n$(not a command)\nEOF\necho after'), ['cat', 'echo']);
  assert.deepEqual(names("a <<A; b <<'B'\n1\nA\n2\nB\nc"), ['a', 'b', 'c']);
  assert.deepEqual(names('a <<-"E"\n\tbody\n\tE\nb'), ['a', 'b']);
  // A missing delimiter ends the body at the end of the script: bash warns, it does not fail.
  const s = parseShell('cat <<EOF\nno end');
  assert.equal(s.error, undefined);
  assert.deepEqual(s.commands.map((c) => c.name), ['cat']);
});

test('syntax errors bash certainly reports, with short messages', () => {
  const cases: [string, RegExp][] = [
    ['echo "a', /quote/], ["echo 'a", /quote/], ['echo $(a', /\$\(/], ['echo ${a', /\$\{/], ['echo `a', /backquote/], ['(a', /\(/], ['{ a;', /\{/],
    ['if a; then b', /if/], ['while a; do b', /while/], ['case x in a) b;;', /case/], ['fi', /fi/], ['done', /done/], ['esac', /esac/], ['}', /\}/], [')', /\)/], ['then', /then/],
    ['&& a', /&&/], ['| a', /\|/], ['a && && b', /&&/], ['a &&', /&&/], ['a ||', /\|\|/], ['a |', /\|/], ['a ;; b', /;;/], ['; a', /;/],
  ];
  for (const [source, message] of cases) {
    const e = error(source);
    assert.ok(e, source);
    assert.match(e.message, message, source);
    assert.ok(e.start >= 0 && e.end <= source.length && e.end === e.start + 1, source);
  }
  assert.equal(error('echo "open')!.start, 5);
});

test('valid or unknown syntax is never an error', () => {
  for (const source of ['', '# only a comment', 'a\n\n\n', 'if ; then a; fi', '((a) )', 'echo @(a|b)', 'a=(1 2) b', 'echo $[1+2]', '[[ $x =~ ^(a|b)$ ]]', 'x=${y@Q}', 'echo (a)', 'f ( ) { a; }', 'cat <<EOF', 'echo \\', 'coproc x { a; }', 'echo }']) {
    assert.equal(error(source), undefined, source);
  }
  // Stopped quietly: what was read before is kept.
  assert.deepEqual(names('a; b; echo (c)'), ['a', 'b']);
});

test('depth limit and pathological inputs come back (a limit or an error), without throwing', () => {
  const deep = `${'if a; then '.repeat(MAX_SHELL_DEPTH + 5)}b`;
  assert.equal(summarizeShell(deep, MAX_SHELL_DEPTH).limit, 'depth');
  const inputs = ['('.repeat(100_000), '$('.repeat(10_000), '"'.repeat(1_000_001), "'".repeat(1_000_001), '`'.repeat(100_001), '${'.repeat(10_000), `${'a && '.repeat(20_000)}`, 'echo "$(a "$(b "'.repeat(5_000), 'a <<E\n'.repeat(10_000), '{ '.repeat(30_000), 'if '.repeat(30_000), `${'a | '.repeat(20_000)}b`, '\\'.repeat(100_001)];
  for (const input of inputs) {
    for (const s of [parseShell(input), summarizeShell(input, MAX_SHELL_DEPTH)]) assert.ok(s.statements >= 0);
  }
  // `((((`: an unclosed arithmetic command (bash fails too); `( ( (`: nested subshells, too deep.
  assert.match(summarizeShell('('.repeat(100_000), MAX_SHELL_DEPTH).error!.message, /\(\(/);
  assert.equal(summarizeShell('( '.repeat(100_000), MAX_SHELL_DEPTH).limit, 'depth');
  assert.equal(summarizeShell('$('.repeat(10_000), MAX_SHELL_DEPTH).limit, 'depth');
  assert.ok(summarizeShell('"'.repeat(1_000_001), MAX_SHELL_DEPTH).error);
});
