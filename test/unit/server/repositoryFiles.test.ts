import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitignorePatterns, mayMake, mentions, notesSayToMake } from '../../../server/src/core/repositoryFiles';
import { isIgnored } from '../../../server/src/core/ignorePatterns';
import { files } from '../dockerfile/helpers';

const ROOT = 'file:///repo';

test('a .gitignore above holds for a folder below it: ** patterns in every folder, anchored ones where they lead into it', () => {
  const fs = files({ [`${ROOT}/.gitignore`]: '**/*/*.env\n**/secrets.json\n*/deploy/*.key\nsrc/go/cache/\nother/x\n', [`${ROOT}/.git/HEAD`]: '' });
  const ignored = gitignorePatterns(fs, `${ROOT}/src/go/.devcontainer`);
  // Round 39: the root's **/*/*.env ignores src/go/.devcontainer/.env.
  assert.equal(isIgnored(ignored, '.env'), true);
  assert.equal(isIgnored(ignored, 'sub/app.env'), true);
  assert.equal(isIgnored(ignored, 'config/secrets.json'), true);
  assert.equal(isIgnored(ignored, 'secrets.json'), true);
  assert.equal(isIgnored(ignored, 'main.go'), false);
  // Anchored patterns: a leading * matches one folder (src), then the rest is rebased.
  const go = gitignorePatterns(fs, `${ROOT}/src`);
  assert.equal(isIgnored(go, 'deploy/a.key'), true);
  assert.equal(isIgnored(go, 'go/cache/x'), true);
  assert.equal(isIgnored(go, 'x'), false);
  assert.equal(isIgnored(gitignorePatterns(fs, `${ROOT}/other`), 'x'), true);
});

test('mayMake: a script names a file where it may make it; not in a comment, a test that it exists, or a copy out of its own folder', () => {
  assert.equal(mayMake('cp ../requirements.txt fastapi/\n', 'requirements.txt'), true);
  assert.equal(mayMake('if [ ! -f .env ]; then cp .env.example .env; fi\n', '.env'), true);
  assert.equal(mayMake('openssl req -x509 -keyout certs/server.key -out certs/server.crt\n', 'server.key'), true);
  // Round 39: an installer beside the Dockerfile copies executor.py out of its own folder if it is there.
  const installer = '# Copy executor.py if it exists (for readwrite mode)\nif [[ -f "$SCRIPT_DIR/executor.py" ]]; then\n    cp "$SCRIPT_DIR/executor.py" "$AGENT_DIR/"\nfi\n';
  assert.equal(mayMake(installer, 'executor.py'), false);
  assert.equal(mayMake('cp "$(dirname "$0")/app.conf" /etc/app/\n', 'app.conf'), false);
  // A last part without a dot is a common word: it counts with its folder, or where the line makes folders or fetches (round 39).
  const prose = 'cat > api.py <<EOF\n    "natural_tts": "Natural voice synthesis",\nEOF\n';
  assert.equal(mayMake(prose, './integrations/voice'), false);
  assert.equal(mayMake('mkdir -p integrations/voice\n', './integrations/voice'), true);
  assert.equal(mayMake('cd integrations && git clone https://example.test/voice.git voice\n', './integrations/voice'), true);
  assert.equal(mayMake('ls integrations/voice\n', 'integrations/voice/'), true);
  assert.equal(mayMake(prose, 'voice'), true);
  // Made elsewhere (an absolute path, a staging tree under a variable) or read by a copy: not here (round 40).
  assert.equal(mayMake('uv export --no-dev --no-hashes > "$BUILD_DIR/opt/tomo/backend/requirements.txt"\n', 'backend/requirements.txt'), false);
  assert.equal(mayMake('cp backend/requirements.txt release/tomo-${VERSION}/\n', 'backend/requirements.txt'), false);
  assert.equal(mayMake('pip freeze > /tmp/requirements.txt\n', 'requirements.txt'), false);
  assert.equal(mayMake('uv export > "$PROJECT_ROOT/backend/requirements.txt"\n', 'backend/requirements.txt'), true);
  assert.equal(mayMake('uv export > backend/requirements.txt\n', 'backend/requirements.txt'), true);
  assert.equal(mayMake('uv export >backend/requirements.txt\n', 'backend/requirements.txt'), true);
  assert.equal(mayMake('  - sudo cp backend/requirements.txt release/\n', 'backend/requirements.txt'), false);
  assert.equal(mayMake('dotnet pack x.csproj --output=local-nuget-packages\n', 'local-nuget-packages'), true);
  // A file an option reads is not made there (round 50: a Makefile's pip install -r requirements.txt).
  assert.equal(mayMake('\tpip install -r requirements.txt\n', 'requirements.txt'), false);
  assert.equal(mayMake('docker compose --env-file .env.prod up\n', '.env.prod'), false);
  assert.equal(mayMake('docker compose exec web python manage.py migrate\n', 'manage.py'), false);
  // An interpreter a Makefile names by a variable, and run subcommands, read the file too (round 60).
  assert.equal(mayMake('run:\n\t$(PYTHON) main.py --mode paper\n', 'main.py'), false);
  assert.equal(mayMake('\t${PYTHON} main.py\n\tuv run main.py\n', 'main.py'), false);
  assert.equal(mayMake('py main.py --mode paper\n$p = Start-Process -FilePath "py" -ArgumentList "main.py --mode paper"\n', 'main.py'), false);
  assert.equal(mayMake('cp templates/main.py main.py\n', 'main.py'), true);
  // The name ends the line and another line follows: the line read is the copy's own (round 49).
  assert.equal(mayMake('cp -r ../../packages/mail-core/templates/email ./mail-templates\ncp a b\n', 'mail-templates'), true);
  // A tool's --output folder is made there (round 39: dotnet pack --output local-nuget-packages in CI).
  assert.equal(mayMake('dotnet pack shared/Shared.csproj --configuration Release --output local-nuget-packages\n', 'local-nuget-packages'), true);
  // An image name counts wherever it is written.
  assert.equal(mentions('# docker build -t go-base .\n', 'go-base'), true);
});

test('notesSayToMake: a folder\'s bare name is a common word, so the notes must name its folder too (round 39)', () => {
  const notes = '## Voice\n\nCreate a voice profile for each member.\n';
  assert.equal(notesSayToMake(notes, './integrations/voice'), false);
  assert.equal(notesSayToMake('Clone the voice service into integrations/voice first.\n', './integrations/voice'), true);
  assert.equal(notesSayToMake('Copy config.example.yml to config.yml and edit it.\n', './conf/config.yml'), true);
  assert.equal(notesSayToMake(notes, 'voice'), true);
  // Another line of the same paragraph (round 41), but not across a blank line.
  const paragraph = 'Config files go in `volumes/cnf/` (copy the `docker/*.cnf.example` files):\n`a.cnf`, `b.cnf`,\nand the downloader config for your profile:\n`discord.downloader.direct.cnf` for `local`.\n\n`other.cnf` is optional.\n';
  assert.equal(notesSayToMake(paragraph, 'discord.downloader.direct.cnf'), true);
  assert.equal(notesSayToMake(paragraph, 'other.cnf'), false);
});
