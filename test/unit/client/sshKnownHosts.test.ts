// known_hosts and ~/.ssh/config as OpenSSH reads them. The hashed lines and the fingerprint below
// were made by OpenSSH's own ssh-keygen (-H, -l), so they are an independent oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  appendKnownHost, checkHostKey, fingerprint, hostToken, keyTypeOf, knownKeyTypes, lineMatchesHost, matchesPattern, parseKnownHosts, readKnownHosts,
} from '../../../client/src/engine/knownHosts';
import { expandPath, sshSettingsFor } from '../../../client/src/engine/sshConfig';
import { preferredHostKeyAlgorithms, resolveSsh } from '../../../client/src/engine/sshTransport';

const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIM/1ksvKKeRfWFpipDQATWl/ehQA1wm/kPalqriHF9E4';
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIPnZp7WVTf0w/xoUUbbF/l/zO80QCH0vuTP1x5tArkA8';
const K3 = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBN2Jk6YWy/XjBPLLvgyvF8TbyDZpmeGHmqX/hQsq1wAxfDNCJlU0YVE6E7dwOOK+BW/UprvKWP6WRj0Iy6zX31Y=';
const key = (b64: string) => Buffer.from(b64, 'base64');
// ssh-keygen -H of "[127.0.0.1]:2222 ssh-ed25519 K1" and "build-box ssh-ed25519 K1".
const HASHED_PORT = `|1|hu7RqJpaoCcrYv7RdRjNddcL73s=|N30GVS3WkK0U6jVNN4KImyvZsrw= ssh-ed25519 ${K1}`;
const HASHED_NAME = `|1|pOwDgB+ia9geAPQjS1eHzpCvLi0=|tJBF8ayP8MaAdaUJLwBeRO6cgXU= ssh-ed25519 ${K1}`;

test('host tokens, key types and fingerprints are written as ssh writes them', () => {
  assert.equal(hostToken('Build-Box', 22), 'build-box');
  assert.equal(hostToken('127.0.0.1', 2222), '[127.0.0.1]:2222');
  assert.equal(keyTypeOf(key(K1)), 'ssh-ed25519');
  assert.equal(keyTypeOf(key(K3)), 'ecdsa-sha2-nistp256');
  assert.equal(keyTypeOf(Buffer.from([0, 0, 0, 200, 1])), undefined);
  // ssh-keygen -lf k1.pub
  assert.equal(fingerprint(key(K1)), 'SHA256:WmSNs7YF59j0Uqy94DVjjrT6DhRv5BBwAanM/YxMyrk');
});

test('hashed entries match the host they were made from, and only that one', () => {
  const lines = parseKnownHosts(`${HASHED_PORT}\n${HASHED_NAME}\n`, 'kh');
  assert.equal(lines.length, 2);
  assert.equal(checkHostKey(lines, '[127.0.0.1]:2222', key(K1)).kind, 'known');
  assert.equal(checkHostKey(lines, 'build-box', key(K1)).kind, 'known');
  // Same address on port 22, or another port: not the same host for ssh.
  assert.equal(checkHostKey(lines, '127.0.0.1', key(K1)).kind, 'unknown');
  assert.equal(checkHostKey(lines, '[127.0.0.1]:2223', key(K1)).kind, 'unknown');
  assert.equal(lineMatchesHost('|1|bad|worse', 'build-box'), false);
});

test('a different key of the same type is a changed key; another type is unknown with the known types named', () => {
  const lines = parseKnownHosts(`# comment\n\n[127.0.0.1]:2222,other ssh-ed25519 ${K1} k1\n`, '/home/u/.ssh/known_hosts');
  const changed = checkHostKey(lines, '[127.0.0.1]:2222', key(K2));
  assert.equal(changed.kind, 'changed');
  assert.equal(changed.kind === 'changed' && changed.entry.line, 3);
  const otherType = checkHostKey(lines, '[127.0.0.1]:2222', key(K3));
  assert.deepEqual(otherType, { kind: 'unknown', otherTypes: ['ssh-ed25519'] });
  assert.deepEqual(knownKeyTypes(lines, 'other'), ['ssh-ed25519']);
});

test('patterns: wildcards, negation, markers and corrupt lines', () => {
  assert.ok(matchesPattern('web-3.example.com', '*.example.com'));
  assert.ok(matchesPattern('web-3', 'web-?'));
  assert.ok(!matchesPattern('web-33', 'web-?'));
  assert.ok(matchesPattern('[10.0.0.5]:2222', '[10.0.0.*]:2222'));
  assert.ok(!matchesPattern('a'.repeat(5000), `${'*a'.repeat(40)}b`), 'a pathological pattern ends without a match');
  assert.ok(lineMatchesHost('*.example.com,!db.example.com', 'web.example.com'));
  assert.ok(!lineMatchesHost('*.example.com,!db.example.com', 'db.example.com'));
  const lines = parseKnownHosts([
    `@revoked * ssh-ed25519 ${K2}`,
    `@cert-authority *.example.com ssh-ed25519 ${K1}`,
    `@unknown-marker host ssh-ed25519 ${K1}`,
    `host ssh-rsa ${K1}`, // the type field disagrees with the blob: corrupt
    'host ssh-ed25519 !!!notbase64',
    `host ssh-ed25519 ${K2}`,
  ].join('\n'), 'kh');
  assert.deepEqual(lines.map((l) => l.marker ?? 'plain'), ['revoked', 'cert-authority', 'plain']);
  assert.equal(checkHostKey(lines, 'host', key(K2)).kind, 'revoked');
  // A CA line is not a host key: web.example.com is still unknown.
  assert.equal(checkHostKey(lines, 'web.example.com', key(K1)).kind, 'unknown');
});

test('accepted keys are appended as ssh would write them, and read back', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-known-hosts-'));
  try {
    const file = path.join(dir, '.ssh', 'known_hosts');
    appendKnownHost(file, '[127.0.0.1]:2222', key(K1));
    fs.appendFileSync(file, `other ssh-ed25519 ${K2}`); // no final newline
    appendKnownHost(file, 'build-box', key(K3));
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text, `[127.0.0.1]:2222 ssh-ed25519 ${K1}\nother ssh-ed25519 ${K2}\nbuild-box ecdsa-sha2-nistp256 ${K3}\n`);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    const lines = readKnownHosts([file, path.join(dir, 'missing')]);
    assert.equal(checkHostKey(lines, 'build-box', key(K3)).kind, 'known');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('ssh config: first value wins, Host patterns with negation, quoted values and tokens', () => {
  const config = [
    'Host *.internal !bastion.internal',
    '  User deploy',
    '  IdentityFile ~/.ssh/deploy_%h',
    'Host build',
    '  HostName build-box.internal',
    '  Port=2222',
    '  UserKnownHostsFile "~/.ssh/work hosts" ~/.ssh/known_hosts',
    '  IdentitiesOnly yes',
    '  ConnectTimeout 3',
    'Host jumpy',
    '  ProxyJump bastion',
    'Match exec "true"',
    '  User never',
    'Host *',
    '  User fallback',
    '  Port 22',
  ].join('\n');
  const build = sshSettingsFor(config, 'build');
  assert.equal(build.hostName, 'build-box.internal');
  assert.equal(build.port, 2222);
  assert.equal(build.user, 'fallback');
  assert.deepEqual(build.userKnownHostsFiles, ['~/.ssh/work hosts', '~/.ssh/known_hosts']);
  assert.equal(build.identitiesOnly, true);
  assert.equal(build.connectTimeoutSeconds, 3);
  assert.equal(sshSettingsFor(config, 'web.internal').user, 'deploy');
  assert.equal(sshSettingsFor(config, 'bastion.internal').user, 'fallback');
  assert.match(sshSettingsFor(config, 'jumpy').proxy ?? '', /ProxyJump bastion/);
  assert.equal(expandPath('~/.ssh/deploy_%h', { home: '/home/u', localUser: 'u', alias: 'web', hostName: 'web.internal', remoteUser: 'deploy' }), '/home/u/.ssh/deploy_web.internal');
});

test('an endpoint resolves through ~/.ssh/config and the environment, as ssh would', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-ssh-home-'));
  try {
    fs.mkdirSync(path.join(home, '.ssh'));
    fs.writeFileSync(path.join(home, '.ssh', 'config'), 'Host build\n  HostName 10.1.2.3\n  Port 2200\n  User ci\n  IdentityFile ~/.ssh/ci_key\n');
    const env = { HOME: home, USER: 'me', SSH_AUTH_SOCK: '/tmp/agent.sock' };
    const viaAlias = resolveSsh({ host: 'build' }, env);
    assert.equal(viaAlias.hostName, '10.1.2.3');
    assert.equal(viaAlias.token, '[10.1.2.3]:2200');
    assert.equal(viaAlias.display, 'ci@10.1.2.3:2200');
    assert.deepEqual(viaAlias.identityFiles, [path.join(home, '.ssh', 'ci_key')]);
    assert.equal(viaAlias.agent, '/tmp/agent.sock');
    assert.equal(viaAlias.writeKnownHostsTo, path.join(home, '.ssh', 'known_hosts'));
    // What the endpoint says beats the config file; without either, the local user on port 22.
    const explicit = resolveSsh({ host: 'build', port: 22, user: 'root' }, env);
    assert.equal(explicit.display, 'root@10.1.2.3');
    const plain = resolveSsh({ host: 'other' }, env);
    assert.equal(plain.display, 'me@other');
    assert.deepEqual(plain.identityFiles.map((f) => path.basename(f)), ['id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa']);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('host key algorithms ask first for the types known_hosts has', () => {
  assert.deepEqual(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  assert.equal(preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256'])[0], 'ecdsa-sha2-nistp256');
  assert.equal(preferredHostKeyAlgorithms([]).length, 7);
  assert.equal(new Set(preferredHostKeyAlgorithms(['ssh-ed25519', 'ssh-rsa'])).size, 7);
});
