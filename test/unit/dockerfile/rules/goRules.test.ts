import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { golangFrom118 } from '../../../../server/src/core/dockerfile/validation/rules/goRules';

const rule = 'go-get-outside-module';
const folder = 'file:///work/tool';
/** A repository root (it has .git) whose files are the given names. */
const repo = (names: string[]) => () => context({ files: files(Object.fromEntries(['.git', ...names].map((n) => [`${folder}/${n}`, ''])), [folder]) });
const check = (text: string, names: string[] = ['main.go']) => runRule(rule, text, repo(names)(), `${folder}/Dockerfile`);

test('go rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'go-get-outside-module', bad: 'FROM golang:1.22\nRUN go get github.com/yudai/gotty\n', good: 'FROM golang:1.22\nRUN go install github.com/yudai/gotty@latest\n', line: 1, ctx: repo([]), uri: `${folder}/Dockerfile` },
    { rule: 'go-module-moved', bad: 'FROM golang:1.23\nRUN go install github.com/cosmtrek/air@latest\n', good: 'FROM golang:1.23\nRUN go install github.com/air-verse/air@latest\n', line: 1 },
  ], assert);
});

test('go-get-outside-module: go get where nothing brings a go.mod stops on Go 1.18 and later (round 17)', () => {
  const [finding, ...rest] = check('FROM golang:1-buster\nWORKDIR /go/src/app\nRUN go get -u github.com/yudai/gotty@v1.0.1\nCMD ["gotty", "bash"]\n');
  assert.deepEqual(rest, []);
  assert.equal(finding!.range.start.line, 2);
  assert.equal(finding!.message, 'golang:1-buster runs Go 1.18 or later, where go get outside a module stops ("\'go get\' is no longer supported outside a module"), and nothing before this brings a go.mod. To install the program, write go install github.com/yudai/gotty@latest; to add a dependency, copy go.mod first.');
  // The GOPATH recipe: the whole context copied, and the context's root has no go.mod.
  const [gopath] = check('FROM golang\nWORKDIR /go/src/app\nCOPY . .\nRUN go get -d -v ./...\nRUN go install -v ./...\n');
  assert.match(gopath!.message, /Copy go.mod and go.sum first and run go mod download, or run go mod init\.$/);
  assert.equal(check('FROM golang:alpine\nCOPY main.go .\nRUN go get github.com/google/uuid\n').length, 1);
});

test('go-get-outside-module: not where a go.mod may be there, on older Go, or with GO111MODULE', () => {
  for (const text of [
    'FROM golang:1.17\nRUN go get github.com/yudai/gotty\n',
    'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go get github.com/google/uuid\n',
    'FROM golang:1.22\nCOPY go.* ./\nRUN go get\n',
    'FROM golang:1.22\nCOPY src/ /app/\nRUN go get ./...\n',
    'FROM golang:1.22\nRUN go mod init example.com/app && go get github.com/google/uuid\n',
    'FROM golang:1.22\nRUN git clone https://github.com/x/y /y && cd /y && go get ./...\n',
    'FROM golang:1.22\nCOPY --from=src /src /src\nRUN go get ./...\n',
    'FROM golang:1.22\nADD src.tar.gz /go/src/app/\nRUN go get ./...\n',
    'FROM golang:1.22\nENV GO111MODULE=off\nRUN go get github.com/yudai/gotty\n',
    'FROM golang:1.22\nRUN GO111MODULE=auto go get github.com/yudai/gotty\n',
    'FROM debian:12\nRUN go get github.com/yudai/gotty\n',
  ]) assert.deepEqual(check(text), [], text);
  // GO111MODULE=on keeps module mode, which is what stops (round 29: ENV GO111MODULE=on below the go get).
  assert.equal(check('FROM golang:1.22\nRUN GO111MODULE=on go get github.com/yudai/gotty\n').length, 1);
  assert.equal(check('FROM golang:alpine\nRUN go get -u github.com/cosmtrek/air\nCOPY . /go/src\nENV GO111MODULE=on\nRUN go mod download\n')[0]?.message.includes('go install github.com/air-verse/air@latest'), true);
  // The whole context, whose root has a go.mod.
  assert.deepEqual(check('FROM golang:1.22\nCOPY . .\nRUN go get ./...\n', ['go.mod', 'main.go']), []);
  // A context only guessed (no repository root there): the go.mod may be in the folder it is built from.
  assert.deepEqual(runRule(rule, 'FROM golang:1.22\nCOPY . .\nRUN go get ./...\n', context({ files: files({ [`${folder}/main.go`]: '' }, [folder]) }), `${folder}/Dockerfile`), []);
});

test('go-get-outside-module: the golang tags that run Go 1.18 or later', () => {
  for (const image of ['golang', 'golang:latest', 'golang:1', 'golang:1-alpine', 'golang:1.18', 'golang:1.23.4-bookworm', 'golang:alpine', 'golang:bookworm', 'golang:buster']) assert.ok(golangFrom118(image), image);
  for (const image of ['golang:1.17', 'golang:1.11-alpine', 'golang:1.8-onbuild', 'acme/golang:1.22', 'debian:12']) assert.ok(!golangFrom118(image), image);
});

test('go-module-moved: a moved module at @latest or with no version, with the new path as the fix; not a pinned release of before the move (rounds 28 and 29)', () => {
  const found = runRule('go-module-moved', 'FROM golang:1.23\nRUN go install github.com/cosmtrek/air@latest && go install -v github.com/cosmtrek/air/cmd/x\nRUN go install github.com/cosmtrek/air@v1.49.0\nRUN go install "github.com/cosmtrek/air@latest"\n');
  assert.deepEqual(found.map((d) => d.range.start.line), [1, 1, 3]);
  assert.deepEqual(found.map((d) => (d.data as { replacement?: string } | undefined)?.replacement), ['github.com/air-verse/air', 'github.com/air-verse/air/cmd/x', 'github.com/air-verse/air']);
  assert.match(found[1]!.message, /^github.com\/cosmtrek\/air\/cmd\/x moved to github.com\/air-verse\/air\/cmd\/x/);
  assert.deepEqual(runRule('go-module-moved', 'FROM golang:1.23\nRUN go install github.com/air-verse/air@latest\n'), []);
  // go get with no version is go-get-outside-module's to tell, with the new path (round 29: both on one line).
  assert.deepEqual(runRule('go-module-moved', 'FROM golang:alpine\nRUN go get -u github.com/cosmtrek/air\n'), []);
  assert.equal(runRule('go-module-moved', 'FROM golang:alpine\nRUN go get github.com/cosmtrek/air@latest\n').length, 1);
});
