import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseApkInstalled, parseDpkgStatus, parseGoBuildInfo, parseJarManifest, parseOsRelease, parsePackageJson, parsePythonMetadata,
} from '../../../client/src/imageAnalysis/packages';
import { captureFor, readZipHead } from '../../../client/src/imageAnalysis/packageFiles';
import { decodeRecord, parseRpmHeader, readRpmSqlite } from '../../../client/src/imageAnalysis/rpmSqlite';
import { APK_INSTALLED, DPKG_STATUS, goBinary, zip } from './imageFixtures';

test('dpkg status: installed packages with version, architecture and source package; removed ones left out', () => {
  assert.deepEqual(parseDpkgStatus(DPKG_STATUS), [
    { name: 'base-files', version: '12.4+deb12u5', arch: 'amd64' },
    { name: 'libssl3', version: '3.0.11-1~deb12u2', arch: 'amd64', origin: 'openssl' },
  ]);
  // distroless status.d files have no Status line; CRLF and a Source with a version in brackets.
  assert.deepEqual(parseDpkgStatus('Package: tzdata\r\nVersion: 2024a-0+deb12u1\r\nSource: tzdata-src (2024a)\r\nArchitecture: all\r\n'), [
    { name: 'tzdata', version: '2024a-0+deb12u1', arch: 'all', origin: 'tzdata-src' },
  ]);
  assert.deepEqual(parseDpkgStatus('garbage\n\n: no key\nPackage: x\n'), []);
});

test('apk installed database: name, version, arch, license, origin', () => {
  assert.deepEqual(parseApkInstalled(APK_INSTALLED), [
    { name: 'musl', version: '1.2.4-r2', arch: 'x86_64', license: 'MIT' },
    { name: 'busybox-binsh', version: '1.36.1-r15', arch: 'x86_64', license: 'GPL-2.0-only', origin: 'busybox' },
  ]);
});

test('package.json: name and version required; license as a string, an object or the old licenses array', () => {
  assert.deepEqual(parsePackageJson('{"name":"a","version":"1.0.0","license":"MIT"}'), [{ name: 'a', version: '1.0.0', license: 'MIT' }]);
  assert.deepEqual(parsePackageJson('{"name":"b","version":"2.0.0","license":{"type":"ISC"}}'), [{ name: 'b', version: '2.0.0', license: 'ISC' }]);
  assert.deepEqual(parsePackageJson('{"name":"c","version":"3.0.0","licenses":[{"type":"MIT"},"Apache-2.0"]}'), [{ name: 'c', version: '3.0.0', license: 'MIT OR Apache-2.0' }]);
  assert.deepEqual(parsePackageJson('{"name":"d"}'), []);
  assert.deepEqual(parsePackageJson('not json'), []);
  assert.deepEqual(parsePackageJson('[1,2]'), []);
});

test('Python core metadata: headers only (a Name: in the description is not the name)', () => {
  const text = 'Metadata-Version: 2.3\nName: Flask\nVersion: 3.0.2\nLicense-Expression: BSD-3-Clause\nLicense: UNKNOWN\n\nName: not this\n';
  assert.deepEqual(parsePythonMetadata(text), [{ name: 'Flask', version: '3.0.2', license: 'BSD-3-Clause' }]);
  assert.deepEqual(parsePythonMetadata('Name: x\nVersion: 1\nLicense: UNKNOWN\n'), [{ name: 'x', version: '1' }]);
  assert.deepEqual(parsePythonMetadata('Version: 1\n'), []);
});

test('os-release: quoted and unquoted values', () => {
  assert.deepEqual(parseOsRelease('ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n# comment\n'), { ID: 'alpine', VERSION_ID: '3.19.1', PRETTY_NAME: 'Alpine Linux v3.19' });
});

test('Go build info (Go 1.18+ inline format): the toolchain, the main module and dependencies, replacements applied', () => {
  const binary = goBinary('go1.21.5', 'path\texample.com/cmd/app\nmod\texample.com/app\tv1.4.0\th1:x=\ndep\tgolang.org/x/sys\tv0.15.0\th1:y=\ndep\tgithub.com/old/dep\tv1.0.0\n=>\tgithub.com/new/dep\tv1.1.0\th1:z=\nbuild\t-compiler=gc\n');
  const at = binary.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
  assert.deepEqual(parseGoBuildInfo(binary.subarray(at)), [
    { name: 'stdlib', version: 'go1.21.5' },
    { name: 'example.com/app', version: 'v1.4.0' },
    { name: 'golang.org/x/sys', version: 'v0.15.0' },
    { name: 'github.com/new/dep', version: 'v1.1.0' },
  ]);
  // Pre-1.18 binaries keep pointers (flags without bit 2): nothing to read from a stream.
  const old = Buffer.from(binary.subarray(at));
  old[15] = 0;
  assert.deepEqual(parseGoBuildInfo(old), []);
  assert.deepEqual(parseGoBuildInfo(Buffer.from('nothing here')), []);
});

test('the Go build info marker is found across chunk boundaries, in ELF executables only', () => {
  const binary = goBinary('go1.22.0', 'mod\texample.com/x\tv0.1.0\t\n');
  const at = binary.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
  for (const split of [at - 3, at, at + 5, at + 13, at + 14, at + 40]) {
    const capture = captureFor('usr/bin/x', binary.length, 0o755)!;
    capture.push(binary.subarray(0, 2));
    capture.push(binary.subarray(2, split));
    capture.push(binary.subarray(split));
    const result = capture.finish();
    assert.equal(result?.kind, 'packages', `split at ${split - at}`);
    assert.deepEqual(result.kind === 'packages' && result.found.packages.map((p) => p.name), ['stdlib', 'example.com/x']);
  }
  const script = captureFor('usr/bin/script', 100_000, 0o755)!;
  script.push(Buffer.concat([Buffer.from('#!/bin/sh\n'), binary]));
  assert.equal(script.finish(), undefined, 'not an ELF file');
  assert.equal(captureFor('usr/bin/tiny', 100, 0o755), undefined, 'too small to be a Go program');
  assert.equal(captureFor('usr/share/data.bin', 100_000, 0o644), undefined, 'not executable');
});

test('jar: pom.properties (one package per pom, with its group), else the manifest, else the file name', () => {
  const jar = zip([
    { name: 'META-INF/MANIFEST.MF', text: 'Manifest-Version: 1.0\r\nImplementation-Title: my-app\r\nImplementation-Version: 2.\r\n 5.0\r\n\r\nName: x\r\n', deflate: true },
    { name: 'META-INF/maven/org.a/a/pom.properties', text: 'groupId=org.a\nartifactId=a\nversion=1.0\n', deflate: true },
    { name: 'META-INF/maven/org.b/b/pom.properties', text: 'version: 2.0\ngroupId: org.b\nartifactId: b\n' },
  ]);
  const files = readZipHead(jar, (n) => n.startsWith('META-INF/'));
  assert.deepEqual([...files.keys()], ['META-INF/MANIFEST.MF', 'META-INF/maven/org.a/a/pom.properties', 'META-INF/maven/org.b/b/pom.properties']);
  const poms = [...files].filter(([n]) => n.endsWith('pom.properties')).map(([, t]) => t);
  assert.deepEqual(parseJarManifest('app/x.jar', files.get('META-INF/MANIFEST.MF'), poms), [{ name: 'a', version: '1.0', group: 'org.a' }, { name: 'b', version: '2.0', group: 'org.b' }]);
  assert.deepEqual(parseJarManifest('app/x.jar', files.get('META-INF/MANIFEST.MF'), []), [{ name: 'my-app', version: '2.5.0' }], 'a continued manifest line');
  assert.deepEqual(parseJarManifest('lib/commons-io-2.15.1.jar', undefined, []), [{ name: 'commons-io', version: '2.15.1' }]);
  assert.deepEqual(parseJarManifest('lib/noversion.jar', undefined, []), []);
  // A zip whose entries come with a data descriptor (sizes after the data) is read up to there.
  const streamed = Buffer.from(jar);
  streamed.writeUInt16LE(0x08, 6);
  streamed.writeUInt32LE(0, 18);
  assert.equal(readZipHead(streamed, () => true).size, 0);
  assert.equal(readZipHead(Buffer.from('not a zip'), () => true).size, 0);
});

const RPMDB = path.join(__dirname, '..', '..', 'fixtures', 'rpmdb', 'rpmdb.sqlite');

test('rpm: the SQLite rpmdb (interior pages, a header on overflow pages), epochs, gpg-pubkey left out', () => {
  const packages = readRpmSqlite(fs.readFileSync(RPMDB));
  assert.equal(packages.length, 149);
  assert.deepEqual(packages.slice(0, 3), [
    { name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64', license: 'GPLv3+' },
    { name: 'openssl-libs', version: '1:3.0.7-27.el9', arch: 'x86_64', license: 'ASL 2.0', origin: 'openssl' },
    { name: 'tzdata', version: '2024a-1.el9', arch: 'noarch', license: 'Public Domain' },
  ]);
  assert.equal(packages.at(-1)!.name, 'filler-145');
});

test('rpm: anything else is no packages, never an exception', () => {
  assert.deepEqual(readRpmSqlite(Buffer.from('SQLite format 3\0' + 'x'.repeat(1000))), []);
  assert.deepEqual(readRpmSqlite(Buffer.alloc(10)), []);
  const truncated = fs.readFileSync(RPMDB).subarray(0, 8192);
  assert.ok(Array.isArray(readRpmSqlite(truncated)));
  assert.equal(parseRpmHeader(Buffer.from([0, 0, 0, 5, 0, 0, 0, 1])), undefined, 'an index larger than the blob');
  assert.deepEqual(decodeRecord(Buffer.from([3, 1, 9, 42])), [42, 1]);
});
