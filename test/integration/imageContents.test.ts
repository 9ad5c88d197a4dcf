// What is inside an image, against the private engine: an image built from scratch (the busybox
// test image as base) to known contents — a layer writing a 1 MiB file, one deleting it, one
// writing a 512 KiB file and one overwriting it with 256 KiB, a dpkg status file and an apk
// database with known packages — analysed through the engine's image export. Exact sizes (also
// against the engine's own history), wasted bytes, packages per layer, both SBOM documents, the
// hints on the Dockerfile, the way from a layer to its line, cancelling, and vulnerability scans.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, commandTestSetup, testDocker, uniqueName, waitFor, workspaceDir } from './helpers';
import type { ImageAnalysis } from '../../client/src/imageAnalysis/imageAnalysis';

const KiB = 1024;
const MiB = 1024 * KiB;

const DPKG_STATUS = 'Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u5\n\nPackage: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n';
const APK_INSTALLED = 'P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\n\nP:zlib\nV:1.3.1-r0\nA:x86_64\nL:Zlib\n';

const DOCKERFILE = [
  'FROM busybox',
  'RUN dd if=/dev/zero of=/big bs=1024 count=1024',
  'RUN rm /big',
  'RUN mkdir /data && dd if=/dev/zero of=/data/f bs=1024 count=512',
  'RUN dd if=/dev/zero of=/data/f bs=1024 count=256',
  'COPY status /var/lib/dpkg/status',
  'COPY installed /lib/apk/db/installed',
  'ENV GREETING=hi',
  '',
].join('\n');

describe('image contents: layers, files, packages and vulnerabilities', function () {
  this.timeout(240_000);
  const docker = testDocker();
  const setup = commandTestSetup();
  const { cleanup } = setup;
  let tag = '';
  let dir = '';
  let dockerfile: vscode.Uri;

  before(async function () {
    this.timeout(240_000);
    const api = await activateExtension();
    api.setPrompts(setup.prompts);
    await waitFor('the engine model to connect', async () => {
      await api.views.containers.getChildren();
      return api.model.state.status === 'connected';
    });
    dir = path.join(workspaceDir(), uniqueName('contents'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'status'), DPKG_STATUS);
    fs.writeFileSync(path.join(dir, 'installed'), APK_INSTALLED);
    dockerfile = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    tag = `dwb-test/${uniqueName('contents')}:1`;
    setup.prompts.next('input', tag).next('pickMany', []);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('dockerWorkbench.images.build', dockerfile);
    assert.equal(outcome?.ok, true, 'the test image builds');
    api.setPrompts(undefined);
  });

  after(async () => {
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const imageNode = async () => {
    const api = await activateExtension();
    const repo = tag.slice(0, tag.lastIndexOf(':'));
    const group = await waitFor('the image in the Images view', async () => (await api.views.images.getChildren()).find((n) => n.kind === 'group' && n.id === repo));
    return (await api.views.images.getChildren(group))[0]!;
  };

  let analysis: ImageAnalysis;

  it('analyses the image from its export: exact sizes, what each layer did, wasted bytes and efficiency', async () => {
    const api = await activateExtension();
    analysis = (await vscode.commands.executeCommand<ImageAnalysis>('dockerWorkbench.images.analyze', await imageNode()))!;
    assert.ok(analysis, 'the analysis finished');
    assert.equal(analysis.reference, tag);
    const image = await docker.getImage(tag).inspect();
    assert.equal(analysis.imageId, image.Id);
    assert.deepEqual(analysis.layers.map((l) => l.diffId), image.RootFS.Layers, 'one analysed layer per layer of the image, in order');

    // Our layers, bottom to top after the two of the base image.
    const ours = analysis.layers.slice(-6);
    assert.deepEqual(ours.map((l) => l.size), [MiB, 0, 512 * KiB, 256 * KiB, DPKG_STATUS.length, APK_INSTALLED.length]);
    assert.deepEqual(ours[0]!.changes, [{ path: 'big', status: 'added', kind: 'file', size: MiB }]);
    assert.deepEqual(ours[1]!.changes, [{ path: 'big', status: 'removed', kind: 'file', size: MiB }]);
    assert.deepEqual(ours[3]!.changes.filter((c) => c.kind === 'file'), [{ path: 'data/f', status: 'modified', kind: 'file', size: 256 * KiB }]);
    // Every layer's size agrees with the engine's own number for it.
    const history = [...(await docker.getImage(tag).history())].reverse();
    for (const layer of analysis.layers) assert.equal(layer.size, history[layer.historyIndex!]!.Size, `layer ${layer.index + 1} (${layer.createdBy})`);

    // Wasted: the deleted 1 MiB and the overwritten 512 KiB, still stored by the layers that wrote them.
    assert.equal(analysis.wastedBytes, MiB + 512 * KiB);
    assert.deepEqual(ours.map((l) => l.wastedBytes), [MiB, 0, 512 * KiB, 0, 0, 0]);
    assert.deepEqual(ours.map((l) => l.hiddenBytes), [0, MiB, 0, 512 * KiB, 0, 0]);
    assert.equal(analysis.totalBytes, analysis.layers.reduce((n, l) => n + l.size, 0));
    assert.equal(analysis.visibleBytes, analysis.totalBytes - analysis.wastedBytes);
    assert.equal(analysis.efficiency, analysis.visibleBytes / analysis.totalBytes);
    assert.deepEqual(analysis.wastedPaths.map((w) => [w.path, w.bytes]), [['big', MiB], ['data/f', 512 * KiB]]);
    assert.equal(analysis.history.at(-1)!.emptyLayer, true, 'ENV made no layer');

    // The view: the summary, the layers in history order, the final filesystem with the deleted file.
    const view = api.imageContents.view;
    const roots = view.getChildren();
    assert.deepEqual(roots.map((n) => n.kind), ['summary', 'explain', 'layers', 'filesystem', 'wasted', 'packages']);
    assert.match(String(view.getTreeItem(roots[0]!).description), /efficiency \d+\.\d% · 1\.6 MB wasted/);
    const steps = view.getChildren(roots[2]);
    assert.equal(steps.length, analysis.history.length);
    const rmStep = steps.find((s) => /rm \/big/.test(String(view.getTreeItem(s).label)))!;
    assert.match(String(view.getTreeItem(rmStep).description), /hides 1\.0 MB/);
    const tooltip = view.getTreeItem(rmStep).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /does not make the image smaller/, 'the Explain hover');
    const big = view.getChildren(roots[3]).find((n) => n.kind === 'fs' && n.node.name === 'big')!;
    assert.match(String(view.getTreeItem(big).description), /deleted by layer \d+ · 1\.0 MB wasted/);
  });

  it('lists the packages of the dpkg status and the apk database, each with the layer that installed it', async () => {
    const layers = analysis.layers.length;
    assert.deepEqual(analysis.packages.map((p) => `${p.source} ${p.name} ${p.version} ${p.arch ?? ''} layer ${p.layer + 1}`), [
      `dpkg base-files 12.4+deb12u5 amd64 layer ${layers - 1}`,
      `dpkg libssl3 3.0.11-1~deb12u2 amd64 layer ${layers - 1}`,
      `apk musl 1.2.4-r2 x86_64 layer ${layers}`,
      `apk zlib 1.3.1-r0 x86_64 layer ${layers}`,
    ]);
    assert.deepEqual(analysis.layers[layers - 2]!.packages.added.map((p) => p.name), ['base-files', 'libssl3']);
    assert.deepEqual(analysis.layers[layers - 1]!.packages.added.map((p) => p.name), ['musl', 'zlib']);
    assert.deepEqual(analysis.layers[layers - 3]!.packages.added, []);
  });

  it('exports the packages as CycloneDX and SPDX documents', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-sbom-'));
    cleanup.push(async () => fs.rmSync(out, { recursive: true, force: true }));
    setup.prompts.next('pick', 'CycloneDX 1.5 (JSON)').next('saveFile', () => vscode.Uri.file(path.join(out, 'image.cdx.json'))).next('info', undefined);
    await vscode.commands.executeCommand('dockerWorkbench.imageContents.exportSbom');
    const bom = JSON.parse(fs.readFileSync(path.join(out, 'image.cdx.json'), 'utf8'));
    assert.deepEqual([bom.bomFormat, bom.specVersion, bom.version], ['CycloneDX', '1.5', 1]);
    assert.deepEqual([bom.metadata.component.type, bom.metadata.component.name, bom.metadata.component.version], ['container', tag, analysis.imageId]);
    assert.deepEqual(bom.components.map((c: any) => `${c.name}@${c.version} ${c.purl}`), [
      'base-files@12.4+deb12u5 pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64',
      'libssl3@3.0.11-1~deb12u2 pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64',
      'musl@1.2.4-r2 pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64',
      'zlib@1.3.1-r0 pkg:apk/alpine/zlib@1.3.1-r0?arch=x86_64',
    ]);
    const layerOf = (c: any) => c.properties.find((p: any) => p.name === 'docker-workbench:layer:diffID').value;
    assert.equal(layerOf(bom.components[0]), analysis.layers.at(-2)!.diffId);
    assert.equal(layerOf(bom.components[3]), analysis.layers.at(-1)!.diffId);
    assert.match(setup.prompts.asked.at(-1)!.message!, /Saved the 4 packages/);

    setup.prompts.next('pick', 'SPDX 2.3 (JSON)').next('saveFile', () => vscode.Uri.file(path.join(out, 'image.spdx.json'))).next('info', undefined);
    await vscode.commands.executeCommand('dockerWorkbench.imageContents.exportSbom');
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'image.spdx.json'), 'utf8'));
    assert.deepEqual([doc.spdxVersion, doc.dataLicense, doc.SPDXID, doc.name], ['SPDX-2.3', 'CC0-1.0', 'SPDXRef-DOCUMENT', tag]);
    assert.deepEqual(doc.packages.map((p: any) => `${p.name} ${p.versionInfo}`), [`${tag} ${analysis.imageId}`, 'base-files 12.4+deb12u5', 'libssl3 3.0.11-1~deb12u2', 'musl 1.2.4-r2', 'zlib 1.3.1-r0']);
    assert.equal(doc.relationships.filter((r: any) => r.relationshipType === 'CONTAINS').length, 4);
  });

  it('puts each layer\'s size and wasted bytes on its Dockerfile instruction, and goes from a layer to its line', async () => {
    const api = await activateExtension();
    await api.startLanguageClient();
    const document = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(document);
    const range = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await waitFor('the layer hints with wasted bytes', async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', dockerfile, range);
      const labels = found.map((h) => `${h.position.line} ${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`);
      return labels.some((l) => /wasted/.test(l)) ? labels : undefined;
    });
    assert.deepEqual(hints, ['1 1.0 MB · 1.0 MB wasted', '2 0 B · hides 1.0 MB', '3 524 kB · 524 kB wasted', '4 262 kB · hides 524 kB', `5 ${DPKG_STATUS.length} B`, `6 ${APK_INSTALLED.length} B`]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', dockerfile, new vscode.Position(2, 1));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Deletes or overwrites 1\.0 MB from earlier layers/);

    // From the "rm /big" layer in the view to line 3 of the Dockerfile.
    const view = api.imageContents.view;
    const steps = view.getChildren(view.getChildren().find((n) => n.kind === 'layers'));
    const rmStep = steps.find((s) => /rm \/big/.test(String(view.getTreeItem(s).label)))!;
    assert.equal(view.getTreeItem(rmStep).contextValue, 'imageLayer:source');
    const base = steps.find((s) => /busybox --install/.test(String(view.getTreeItem(s).label)))!;
    assert.equal(view.getTreeItem(base).contextValue, 'imageLayer', 'the base image\'s layers have no line here');
    const revealed = await vscode.commands.executeCommand<{ uri: string; line: number }>('dockerWorkbench.imageContents.revealInstruction', rmStep);
    assert.deepEqual(revealed, { uri: dockerfile.toString(), line: 2 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), dockerfile.toString());
    assert.equal(vscode.window.activeTextEditor?.selection.start.line, 2);
  });

  it('can be cancelled while the export streams; the view keeps the last analysis', async () => {
    const api = await activateExtension();
    const source = new vscode.CancellationTokenSource();
    let progressCalls = 0;
    const image = await docker.getImage(tag).inspect();
    const ctx = { active: api.active, log: { info: () => undefined, warn: () => undefined } } as never;
    const result = await api.imageContents.analyze(ctx, {
      reference: 'dwb-test/cancelled', imageId: image.Id, token: source.token,
      onProgress: () => {
        if (++progressCalls === 1) source.cancel();
      },
    });
    assert.equal(result, undefined);
    assert.equal(progressCalls, 1, 'reading stopped at the cancel');
    assert.equal(api.imageContents.view.analysis?.reference, tag);
  });

  describe('vulnerabilities', () => {
    let stubs = '';
    const config = () => vscode.workspace.getConfiguration('dockerWorkbench.vulnerabilities');
    before(() => {
      stubs = fs.mkdtempSync(path.join(os.tmpdir(), 'dwb-scanners-'));
    });
    after(async () => {
      for (const key of ['trivyPath', 'grypePath', 'scanner']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(stubs, { recursive: true, force: true });
      await vscode.commands.executeCommand('dockerWorkbench.vulnerabilities.clear');
    });

    it('without a scanner says which to install and why, and scans nothing', async () => {
      await config().update('trivyPath', path.join(stubs, 'missing-trivy'), vscode.ConfigurationTarget.Global);
      await config().update('grypePath', path.join(stubs, 'missing-grype'), vscode.ConfigurationTarget.Global);
      setup.prompts.next('info', undefined);
      const result = await vscode.commands.executeCommand('dockerWorkbench.images.scanVulnerabilities', await imageNode());
      assert.equal(result, undefined);
      const said = setup.prompts.asked.at(-1)!.message!;
      assert.match(said, /Install Trivy or Grype/);
      assert.match(said, /offline/);
      assert.match(said, /Docker Scout/);
    });

    /**
     * A stand-in for a scanner that cannot run here (no vulnerability database can be downloaded):
     * it records its arguments and environment and prints a report in the tool's documented JSON
     * format, naming the real layers of the test image. What is tested is Docker Workbench's side:
     * the argument array, the offline flags, the engine it points the tool at, the remembered
     * choice, and where the findings land.
     */
    function stubScanner(name: string, report: unknown): string {
      const file = path.join(stubs, name);
      fs.writeFileSync(path.join(stubs, `${name}.json`), JSON.stringify(report));
      fs.writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$@" > "${file}.args"\nprintf '%s' "$DOCKER_HOST" > "${file}.host"\ncat "${file}.json"\n`, { mode: 0o755 });
      return file;
    }

    it('scans with the remembered scanner, offline, and shows findings by severity and on the Dockerfile', async () => {
      const api = await activateExtension();
      const layers = (await docker.getImage(tag).inspect()).RootFS.Layers ?? [];
      const trivy = stubScanner('trivy', {
        SchemaVersion: 2,
        ArtifactName: tag,
        Results: [
          { Target: `${tag} (debian 12)`, Class: 'os-pkgs', Type: 'debian', Vulnerabilities: [
            { VulnerabilityID: 'CVE-2024-0001', PkgName: 'libssl3', InstalledVersion: '3.0.11-1~deb12u2', FixedVersion: '3.0.13-1~deb12u1', Severity: 'HIGH', Title: 'openssl: slow DH key checks', PrimaryURL: 'https://avd.aquasec.com/nvd/cve-2024-0001', Layer: { DiffID: layers.at(-2) } },
            { VulnerabilityID: 'CVE-2023-9999', PkgName: 'busybox', InstalledVersion: '1.36.1', Severity: 'MEDIUM', Layer: { DiffID: layers[0] } },
          ] },
        ],
      });
      const grype = stubScanner('grype', { matches: [] });
      await config().update('trivyPath', trivy, vscode.ConfigurationTarget.Global);
      await config().update('grypePath', grype, vscode.ConfigurationTarget.Global);

      // Two scanners installed: the first scan asks which, the next ones remember it.
      setup.prompts.next('pick', 'Trivy');
      const first = await vscode.commands.executeCommand<{ scanner: string }>('dockerWorkbench.images.scanVulnerabilities', await imageNode());
      assert.equal(first?.scanner, 'trivy');
      assert.deepEqual(setup.prompts.asked.at(-1)!.items, ['Trivy', 'Grype']);
      const asked = setup.prompts.asked.length;
      const result = await vscode.commands.executeCommand<{ findings: unknown[] }>('dockerWorkbench.images.scanVulnerabilities', await imageNode());
      assert.equal(setup.prompts.asked.length, asked, 'the choice was remembered');
      assert.equal(result?.findings.length, 2);
      assert.deepEqual(fs.readFileSync(`${trivy}.args`, 'utf8').trim().split('\n'), ['image', '--format', 'json', '--quiet', '--scanners', 'vuln', '--skip-db-update', '--skip-java-db-update', '--offline-scan', '--', tag]);
      assert.equal(fs.readFileSync(`${trivy}.host`, 'utf8'), process.env.DOCKER_HOST, 'pointed at the active engine');

      // The view: by severity, with the fixed version.
      const view = api.vulnerabilities.view;
      const scan = view.getChildren().find((n) => n.kind === 'scan' && n.imageId === analysis.imageId)!;
      const severities = view.getChildren(scan);
      assert.deepEqual(severities.map((s) => String(view.getTreeItem(s).label)), ['High', 'Medium']);
      const high = view.getChildren(severities[0]);
      const finding = view.getTreeItem(high[0]!);
      assert.equal(finding.description, 'libssl3 3.0.11-1~deb12u2 → fixed in 3.0.13-1~deb12u1');
      // The row comes without its tooltip; VS Code asks for it on hover.
      assert.equal(finding.tooltip, undefined);
      const tooltip = view.resolveTreeItem(finding, high[0]!).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString && /\*\*CVE-2024-0001\*\* · High/.test(tooltip.value) && /Package: libssl3 3\.0\.11-1~deb12u2/.test(tooltip.value) && /Fixed in: 3\.0\.13-1~deb12u1/.test(tooltip.value), String(tooltip && (tooltip as vscode.MarkdownString).value));

      // The Dockerfile: the base image's package on FROM, the copied dpkg database's on its COPY.
      const diagnostics = await waitFor('the vulnerability diagnostics', () => {
        const found = vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source?.startsWith('vulnerabilities'));
        return found.length === 2 ? found : undefined;
      });
      const byLine = new Map(diagnostics.map((d) => [d.range.start.line, d]));
      assert.match(byLine.get(0)!.message, /^busybox 1\.36\.1 has 1 known vulnerabilities: CVE-2023-9999 \(Medium, no fix yet\)$/);
      assert.equal(byLine.get(0)!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(byLine.get(5)!.message, /^libssl3 3\.0\.11-1~deb12u2 has 1 known vulnerabilities: CVE-2024-0001 \(High, fixed in 3\.0\.13-1~deb12u1\)$/);
      assert.equal(byLine.get(5)!.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(byLine.get(0)!.source, 'vulnerabilities (Trivy)');

      // Another scanner, chosen on purpose: its clean report clears the Dockerfile's findings.
      setup.prompts.next('pick', 'Grype');
      assert.equal(await vscode.commands.executeCommand('dockerWorkbench.vulnerabilities.chooseScanner'), 'grype');
      const clean = await vscode.commands.executeCommand<{ scanner: string; findings: unknown[] }>('dockerWorkbench.images.scanVulnerabilities', await imageNode());
      assert.deepEqual([clean?.scanner, clean?.findings.length], ['grype', 0]);
      assert.deepEqual(fs.readFileSync(`${grype}.args`, 'utf8').trim().split('\n'), [`docker:${tag}`, '--output', 'json', '--quiet']);
      assert.deepEqual(vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source?.startsWith('vulnerabilities')), []);
      const rescanned = view.getChildren().find((n) => n.kind === 'scan' && n.imageId === analysis.imageId)!;
      assert.deepEqual(view.getChildren(rescanned).map((n) => n.kind), ['clean']);
    });
  });
});
