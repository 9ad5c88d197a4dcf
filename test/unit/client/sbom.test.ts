// The SBOM documents against the required fields of their specifications:
// CycloneDX 1.5 (https://cyclonedx.org/docs/1.5/json/: bomFormat, specVersion and version are
// required at the top; every component needs type and name; bom-refs are unique; dependencies
// refer to bom-refs) and SPDX 2.3 (https://spdx.github.io/spdx-spec/v2.3/: clause 6 document
// creation fields, clause 7 package fields, clause 11 relationships).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeImageStream, type ImageAnalysis } from '../../../client/src/imageAnalysis/imageAnalysis';
import { cycloneDx, purlOf, spdx } from '../../../client/src/imageAnalysis/sbom';
import type { ImagePackage } from '../../../client/src/imageAnalysis/imagePackages';
import { APK_INSTALLED, DPKG_STATUS, OS_RELEASE, chunked, dockerArchive, file, goBinary } from './imageFixtures';

const options = { now: new Date('2026-03-01T10:20:30.456Z'), uuid: '0f8fad5b-d9cb-469f-a165-70867728950e' };

async function sample(): Promise<ImageAnalysis> {
  const { archive, imageId } = dockerArchive({
    layers: [
      { createdBy: 'ADD base /', files: [file('etc/os-release', OS_RELEASE), file('var/lib/dpkg/status', DPKG_STATUS)] },
      { createdBy: 'COPY app /app', files: [file('lib/apk/db/installed', APK_INSTALLED), file('app/node_modules/left-pad/package.json', '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}'), { ...file('app/server', goBinary('go1.22.1', 'mod\texample.com/server\tv1.0.0\t\n')), mode: 0o755 }] },
    ],
  });
  return analyzeImageStream(chunked(archive, 8192), { reference: 'dwb-test/sbom:1', imageId });
}

test('package URLs per ecosystem, with the distribution from os-release', () => {
  const os = { os: { id: 'debian', versionId: '12' } };
  const p = (source: ImagePackage['source'], name: string, version: string, extra: Partial<ImagePackage> = {}): ImagePackage => ({ source, name, version, path: 'x', layer: 0, ...extra });
  assert.equal(purlOf(p('dpkg', 'libssl3', '1:3.0.11-1~deb12u2', { arch: 'amd64' }), os), 'pkg:deb/debian/libssl3@1%3A3.0.11-1~deb12u2?arch=amd64&distro=debian-12');
  assert.equal(purlOf(p('apk', 'musl', '1.2.4-r2', { arch: 'x86_64' }), { os: { id: 'alpine', versionId: '3.19.1' } }), 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1');
  assert.equal(purlOf(p('rpm', 'bash', '5.1.8-9.el9'), {}), 'pkg:rpm/redhat/bash@5.1.8-9.el9');
  assert.equal(purlOf(p('npm', '@types/node', '20.1.0'), os), 'pkg:npm/%40types/node@20.1.0');
  assert.equal(purlOf(p('pypi', 'Flask_Login', '0.6.3'), os), 'pkg:pypi/flask-login@0.6.3');
  assert.equal(purlOf(p('golang', 'github.com/spf13/cobra', 'v1.8.0'), os), 'pkg:golang/github.com/spf13/cobra@v1.8.0');
  assert.equal(purlOf(p('golang', 'stdlib', 'go1.22.1'), os), 'pkg:golang/stdlib@1.22.1');
  assert.equal(purlOf(p('maven', 'foo', '1.0', { group: 'org.example' }), os), 'pkg:maven/org.example/foo@1.0');
  assert.equal(purlOf(p('maven', 'foo', '1.0'), os), undefined, 'maven needs a group');
});

test('CycloneDX 1.5: the required fields, unique bom-refs, every component under the image', async () => {
  const analysis = await sample();
  const bom = cycloneDx(analysis, options) as any;
  // Top level (required: bomFormat, specVersion, version).
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.5');
  assert.equal(bom.version, 1);
  assert.match(bom.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(bom.metadata.timestamp, '2026-03-01T10:20:30.456Z');
  assert.deepEqual(bom.metadata.tools.components.map((c: any) => [c.type, c.name]), [['application', 'docker-workbench']]);
  assert.deepEqual([bom.metadata.component.type, bom.metadata.component.name, bom.metadata.component.version], ['container', 'dwb-test/sbom:1', analysis.imageId]);
  // Components (required: type, name; type from the spec's enumeration).
  const types = new Set(['application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device', 'device-driver', 'firmware', 'file', 'machine-learning-model', 'data']);
  for (const c of bom.components) {
    assert.ok(types.has(c.type), c.type);
    assert.equal(typeof c.name, 'string');
    for (const prop of c.properties ?? []) assert.deepEqual(Object.keys(prop).sort(), ['name', 'value']);
    for (const l of c.licenses ?? []) assert.equal(typeof l.license.name, 'string');
  }
  const refs = [bom.metadata.component['bom-ref'], ...bom.components.map((c: any) => c['bom-ref'])];
  assert.equal(new Set(refs).size, refs.length, 'bom-refs are unique');
  assert.deepEqual(bom.dependencies, [{ ref: 'image', dependsOn: refs.slice(1) }]);
  // The content.
  assert.deepEqual(bom.components.map((c: any) => `${c.type} ${c.name} ${c.version ?? ''} ${c.purl ?? ''}`), [
    'operating-system debian 12 ',
    'library base-files 12.4+deb12u5 pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12',
    'library libssl3 3.0.11-1~deb12u2 pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
    'library busybox-binsh 1.36.1-r15 pkg:apk/debian/busybox-binsh@1.36.1-r15?arch=x86_64&distro=debian-12',
    'library musl 1.2.4-r2 pkg:apk/debian/musl@1.2.4-r2?arch=x86_64&distro=debian-12',
    'library left-pad 1.3.0 pkg:npm/left-pad@1.3.0',
    'library example.com/server v1.0.0 pkg:golang/example.com/server@v1.0.0',
    'library stdlib go1.22.1 pkg:golang/stdlib@1.22.1',
  ]);
  const leftPad = bom.components.find((c: any) => c.name === 'left-pad');
  assert.deepEqual(leftPad.licenses, [{ license: { name: 'WTFPL' } }]);
  assert.deepEqual(Object.fromEntries(leftPad.properties.map((p: any) => [p.name, p.value])), {
    'docker-workbench:package:source': 'npm',
    'docker-workbench:package:path': '/app/node_modules/left-pad/package.json',
    'docker-workbench:layer:index': '2',
    'docker-workbench:layer:diffID': analysis.layers[1]!.diffId,
  });
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(bom)));
});

test('SPDX 2.3: document creation fields, package fields, DESCRIBES and CONTAINS relationships', async () => {
  const analysis = await sample();
  const doc = spdx(analysis, options) as any;
  // Clause 6: document creation information (all required).
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.equal(doc.dataLicense, 'CC0-1.0');
  assert.equal(doc.SPDXID, 'SPDXRef-DOCUMENT');
  assert.equal(doc.name, 'dwb-test/sbom:1');
  assert.match(doc.documentNamespace, /^https:\/\/[^\s#]+$/, 'an absolute URI without #');
  assert.ok(doc.documentNamespace.endsWith(options.uuid), 'unique per document');
  assert.equal(doc.creationInfo.created, '2026-03-01T10:20:30Z', 'YYYY-MM-DDThh:mm:ssZ');
  assert.ok(doc.creationInfo.creators.every((c: string) => /^(Tool|Organization|Person): \S/.test(c)));
  // Clause 7: per package, name, SPDXID ("SPDXRef-" + letters, digits, . and -), downloadLocation;
  // filesAnalyzed false (true would require a verification code); licenses NOASSERTION or an expression.
  const ids = new Set<string>();
  for (const p of doc.packages) {
    assert.equal(typeof p.name, 'string');
    assert.match(p.SPDXID, /^SPDXRef-[A-Za-z0-9.-]+$/);
    ids.add(p.SPDXID);
    assert.equal(p.downloadLocation, 'NOASSERTION');
    assert.equal(p.filesAnalyzed, false);
    assert.equal(p.licenseConcluded, 'NOASSERTION');
    assert.equal(p.licenseDeclared, 'NOASSERTION');
    for (const ref of p.externalRefs ?? []) {
      assert.ok(['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER'].includes(ref.referenceCategory));
      assert.equal(ref.referenceType, 'purl');
      assert.match(ref.referenceLocator, /^pkg:[a-z]+\/\S+@\S+$/);
    }
  }
  assert.equal(ids.size, doc.packages.length, 'SPDX ids are unique');
  assert.equal(doc.packages[0].primaryPackagePurpose, 'CONTAINER');
  assert.equal(doc.packages.length, 1 + analysis.packages.length);
  // Clause 11: relationships refer to elements of the document.
  assert.deepEqual(doc.relationships[0], { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' });
  assert.deepEqual(doc.relationships.slice(1).map((r: any) => r.relatedSpdxElement), doc.packages.slice(1).map((p: any) => p.SPDXID));
  for (const r of doc.relationships) assert.ok(r.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(r.spdxElementId));
  const leftPad = doc.packages.find((p: any) => p.name === 'left-pad');
  assert.equal(leftPad.versionInfo, '1.3.0');
  assert.equal(leftPad.comment, 'declared license: WTFPL');
  assert.match(leftPad.sourceInfo, /^found in layer 2 \(sha256:[0-9a-f]{64}\): \/app\/node_modules\/left-pad\/package\.json$/);
});
