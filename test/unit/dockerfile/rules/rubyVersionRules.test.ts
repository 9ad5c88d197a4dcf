import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { gemfileRuby, rubyImageVersion, surelyMismatched } from '../../../../server/src/core/dockerfile/validation/rules/rubyVersionRules';

const rule = 'ruby-version-mismatch';
const APP = 'file:///work/app';
const DOCKERFILE = 'FROM ruby:3.2.2-alpine\nWORKDIR /workdir\nCOPY Gemfile Gemfile.lock ./\nRUN bundle config set --local without \'test development\'\nRUN bundle install --no-cache\nCOPY . ./\n';
const withGemfile = (gemfile: string, more: Record<string, string> = {}) => context({ files: files({ [`${APP}/Gemfile`]: gemfile, [`${APP}/Gemfile.lock`]: '', [`${APP}/.git/HEAD`]: '', ...more }) });

test('ruby-version-mismatch rule', async (t) => {
  await checkRuleCases(t, [
    { rule: 'ruby-version-mismatch', bad: DOCKERFILE, good: DOCKERFILE.replace('3.2.2-alpine', '3.3.6-alpine'), line: 4, ctx: () => withGemfile("ruby '3.3.6'\n"), uri: `${APP}/Dockerfile` },
  ], assert);
});

test('ruby-version-mismatch: bundle install on a ruby image the Gemfile\'s ruby line refuses (round 41: ruby:3.2.2 and ruby \'3.3.6\')', () => {
  const [found, ...rest] = runRule(rule, DOCKERFILE, withGemfile("source 'https://rubygems.org'\n\nruby '3.3.6'\ngem 'rails', '~> 7.1'\n"), `${APP}/Dockerfile`);
  assert.deepEqual(rest, []);
  assert.equal(found!.range.start.line, 4);
  assert.equal(found!.message, 'ruby:3.2.2-alpine runs Ruby 3.2.2, and the Gemfile asks for ruby 3.3.6: bundle install stops ("Your Ruby version is 3.2.2, but your Gemfile specified 3.3.6"). Build FROM the ruby image of the version the Gemfile names, or change the Gemfile.');
  // Through .ruby-version, and with a moving tag of another minor.
  const viaFile = withGemfile('ruby file: ".ruby-version"\n', { [`${APP}/.ruby-version`]: 'ruby-3.3.6\n' });
  assert.equal(runRule(rule, DOCKERFILE, viaFile, `${APP}/Dockerfile`).length, 1);
  assert.equal(runRule(rule, DOCKERFILE.replace('3.2.2-alpine', '3.2-slim'), withGemfile("ruby '~> 3.3.0'\n"), `${APP}/Dockerfile`).length, 1);
  // A Dockerfile in a subfolder built from the root (docker build -f ecs/app/Dockerfile .): the root's Gemfile.
  assert.equal(runRule(rule, DOCKERFILE, withGemfile("ruby '3.3.6'\n", { [`${APP}/ecs/app/Dockerfile`]: DOCKERFILE }), `${APP}/ecs/app/Dockerfile`).length, 1);
});

test('ruby-version-mismatch: not where the version may match, the line is not literal, or nothing installs', () => {
  for (const [dockerfile, gemfile] of [
    [DOCKERFILE, "ruby '3.2.2'\n"],
    [DOCKERFILE, "ruby '>= 3.1', '< 3.4'\n"],
    [DOCKERFILE.replace('3.2.2-alpine', '3.3-slim'), "ruby '3.3.6'\n"],
    [DOCKERFILE.replace('3.2.2-alpine', 'latest'), "ruby '3.3.6'\n"],
    [DOCKERFILE, 'ruby RUBY_VERSION\n'],
    [DOCKERFILE, "ruby '9.3.13.0', engine: 'jruby', engine_version: '9.4'\n"],
    [DOCKERFILE, "source 'https://rubygems.org'\ngem 'rails'\n"],
    [DOCKERFILE.replace(/RUN bundle.*\n/g, ''), "ruby '3.3.6'\n"],
  ]) assert.deepEqual(runRule(rule, dockerfile!, withGemfile(gemfile!), `${APP}/Dockerfile`), [], `${dockerfile}${gemfile}`);
});

test('the versions: a tag\'s version, a Gemfile\'s requirements, and when no Ruby the tag may name meets them', () => {
  assert.deepEqual(rubyImageVersion('ruby:3.2.2-alpine3.18'), [3, 2, 2]);
  assert.deepEqual(rubyImageVersion('ruby:3.3-slim-bookworm'), [3, 3]);
  assert.equal(rubyImageVersion('ruby:slim'), undefined);
  assert.equal(rubyImageVersion('acme/ruby:3.2'), undefined);
  assert.deepEqual(gemfileRuby("ruby '~> 3.3', '>= 3.3.1'\n", () => undefined), ['~> 3.3', '>= 3.3.1']);
  assert.deepEqual(gemfileRuby('ruby("3.3.6")\n', () => undefined), ['3.3.6']);
  assert.equal(gemfileRuby("ruby File.read('.ruby-version').strip\n", () => '3.3.6'), undefined);
  assert.equal(surelyMismatched([3, 2, 2], ['3.3.6']), true);
  assert.equal(surelyMismatched([3, 3], ['3.3.6']), false);
  assert.equal(surelyMismatched([3, 2], ['3.3.6']), true);
  assert.equal(surelyMismatched([3, 4, 1], ['~> 3.3.0']), true);
  assert.equal(surelyMismatched([3, 3, 9], ['~> 3.3.0']), false);
  assert.equal(surelyMismatched([3, 4], ['~> 3.3']), false);
  assert.equal(surelyMismatched([3, 0], ['>= 3.1']), true);
});
