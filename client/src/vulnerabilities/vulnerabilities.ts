// Known vulnerabilities, local-first: scan an image with Trivy, Grype or Docker Scout when one is
// installed (the user's pick remembered), show the findings by severity in the Vulnerabilities
// view and as diagnostics on the Dockerfile that built the image (the FROM line for the base
// image's packages, the instruction that installed the others), with the fixed version. Without a
// scanner, say which to install and why.
import * as vscode from 'vscode';
import type { CommandContext, Handler } from '../commands/commandContext';
import { imageTargetOf } from '../commands/imageCommands';
import { pickImage } from '../commands/pickers';
import type { BuiltImages } from '../build/builtImages';
import { dockerExecutable } from '../build/dockerCli';
import type { ActiveEngine } from '../engine/activeEngine';
import type { ImageAnalysis } from '../imageAnalysis/imageAnalysis';
import { dockerfileText } from '../imageAnalysis/imageContents';
import { dockerfileLayers, layerSteps } from '../imageAnalysis/layerSources';
import { placeFindings } from './findingPlacement';
import { detectScanners, SCANNER_NAMES, type Scanner, type ScannerId } from './scanners';
import { severityLabel, VulnerabilitiesView, type VulnerabilityNode } from './vulnerabilitiesView';
import { runScan, ScanFailed, type ScanResult } from './vulnerabilityScan';

export const VULNERABILITY_COMMANDS = {
  scan: 'dockerWorkbench.images.scanVulnerabilities',
  chooseScanner: 'dockerWorkbench.vulnerabilities.chooseScanner',
  openAdvisory: 'dockerWorkbench.vulnerabilities.openAdvisory',
  clear: 'dockerWorkbench.vulnerabilities.clear',
} as const;

const CHOICE_KEY = 'dockerWorkbench.vulnerabilities.scanner';
const DIAGNOSTIC_SOURCE = 'vulnerabilities';
/** Findings named in one diagnostic before "and N more". */
const MAX_IDS = 8;

export interface Vulnerabilities {
  readonly view: VulnerabilitiesView;
  readonly diagnostics: vscode.DiagnosticCollection;
  commands: Record<string, Handler>;
}

interface Deps {
  builtImages: BuiltImages;
  /** The analysis of an image, when one is at hand (it knows which layer each step made). */
  analysisOf(imageId: string): ImageAnalysis | undefined;
}

function settings() {
  const config = vscode.workspace.getConfiguration('dockerWorkbench.vulnerabilities');
  return {
    scanner: config.get<string>('scanner', 'ask'),
    trivyPath: config.get<string>('trivyPath', '') || undefined,
    grypePath: config.get<string>('grypePath', '') || undefined,
    updateDatabase: config.get<boolean>('updateDatabase', false),
  };
}

/** Environment that points a scanner at the active engine. */
function engineEnv(active: ActiveEngine, forDockerCli: boolean): Record<string, string> {
  const env = { ...active.cliEnv };
  const endpoint = active.engine.target.endpoint;
  // Trivy and Grype do not read Docker CLI contexts: give them the endpoint itself.
  if (!forDockerCli && /^(unix|tcp|npipe):\/\//.test(endpoint)) env.DOCKER_HOST = endpoint;
  return env;
}

export function noScannerMessage(): string {
  return vscode.l10n.t('No vulnerability scanner is installed. Install Trivy or Grype: both read the image straight from the engine and scan offline once their vulnerability database is downloaded. Docker Scout (the docker scout CLI plugin) works too, but it sends the image\'s package list to Docker\'s service and needs a Docker login.');
}

export function registerVulnerabilities(context: vscode.ExtensionContext, deps: Deps): Vulnerabilities {
  const view = new VulnerabilitiesView();
  const diagnostics = vscode.languages.createDiagnosticCollection('docker-workbench-vulnerabilities');
  const treeView = view.register();
  context.subscriptions.push(view, treeView, diagnostics);
  const setNoScanner = (none: boolean) => void vscode.commands.executeCommand('setContext', 'dockerWorkbench.vulnerabilities.noScanner', none);

  const installed = async (): Promise<Scanner[]> => {
    const s = settings();
    const found = await detectScanners({ trivyPath: s.trivyPath, grypePath: s.grypePath, docker: dockerExecutable(), env: process.env });
    setNoScanner(found.length === 0);
    return found;
  };

  /** The scanner to use: the setting, else the remembered pick, else the only one, else ask (and remember). */
  const chooseScanner = async (ctx: CommandContext, ask: boolean): Promise<Scanner | undefined> => {
    const found = await installed();
    if (found.length === 0) {
      const trivy = 'Trivy';
      const grype = 'Grype';
      const choice = await ctx.prompts.current.info(noScannerMessage(), trivy, grype);
      if (choice === trivy) void vscode.env.openExternal(vscode.Uri.parse('https://trivy.dev/latest/getting-started/installation/'));
      if (choice === grype) void vscode.env.openExternal(vscode.Uri.parse('https://github.com/anchore/grype#installation'));
      return undefined;
    }
    const configured = settings().scanner;
    if (!ask && configured !== 'ask') {
      const wanted = found.find((s) => s.id === configured);
      if (wanted) return wanted;
      throw new Error(vscode.l10n.t('{0} is set in dockerWorkbench.vulnerabilities.scanner but is not installed here.', SCANNER_NAMES[configured as ScannerId] ?? configured));
    }
    const remembered = context.globalState.get<ScannerId>(CHOICE_KEY);
    if (!ask && remembered) {
      const wanted = found.find((s) => s.id === remembered);
      if (wanted) return wanted;
    }
    if (!ask && found.length === 1) return found[0];
    const items = found.map((s) => ({
      label: SCANNER_NAMES[s.id],
      description: s.executable,
      detail: s.id === 'docker-scout' ? vscode.l10n.t('Online: sends the package list to Docker\'s service') : vscode.l10n.t('Local: scans with the database it has, offline'),
      scanner: s,
    }));
    const picked = await ctx.prompts.current.pick(items, { title: vscode.l10n.t('Scan images with which scanner? (remembered)') });
    if (!picked) return undefined;
    await context.globalState.update(CHOICE_KEY, picked.scanner.id);
    return picked.scanner;
  };

  const applyDiagnostics = async (ctx: CommandContext, result: ScanResult): Promise<void> => {
    const facts = deps.builtImages.forImage(result.imageId);
    if (facts.length === 0) return;
    // Which history step made the layer with each diff id: from the analysis, else from the
    // engine's list of the image's layers and the history's instructions.
    const analysis = deps.analysisOf(result.imageId);
    let diffIds: string[] = [];
    if (!analysis) diffIds = (await ctx.active.engine.inspectImage(result.imageId).catch(() => undefined))?.RootFS?.Layers ?? [];
    for (const fact of facts) {
      const text = dockerfileText(fact.dockerfileUri);
      if (text === undefined) continue;
      const stepOfLayer = new Map<string, number>();
      if (analysis) {
        for (const layer of analysis.layers) if (layer.diffId && layer.historyIndex !== undefined) stepOfLayer.set(layer.diffId, layer.historyIndex);
      } else {
        layerSteps(fact.layers, diffIds.length)?.forEach((step, i) => stepOfLayer.set(diffIds[i]!, step));
      }
      const placed = placeFindings(result.findings, dockerfileLayers(text, fact.layers, fact.target), stepOfLayer);
      diagnostics.set(vscode.Uri.parse(fact.dockerfileUri), placed.map((p) => {
        const ids = p.findings.slice(0, MAX_IDS).map((f) => (f.fixedVersion
          ? vscode.l10n.t('{0} ({1}, fixed in {2})', f.id, severityLabel(f.severity), f.fixedVersion)
          : vscode.l10n.t('{0} ({1}, no fix yet)', f.id, severityLabel(f.severity))));
        if (p.findings.length > MAX_IDS) ids.push(vscode.l10n.t('and {0} more', p.findings.length - MAX_IDS));
        const message = vscode.l10n.t('{0} {1} has {2} known vulnerabilities: {3}', p.packageName, p.installedVersion, p.findings.length, ids.join('; '));
        const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
        const severity = p.severity === 'critical' || p.severity === 'high' ? vscode.DiagnosticSeverity.Warning
          : p.severity === 'medium' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
        const diagnostic = new vscode.Diagnostic(range, message, severity);
        diagnostic.source = `${DIAGNOSTIC_SOURCE} (${SCANNER_NAMES[result.scanner]})`;
        const first = p.findings[0]!;
        diagnostic.code = first.url ? { value: first.id, target: vscode.Uri.parse(first.url) } : first.id;
        return diagnostic;
      }));
    }
  };

  const scan: Handler = async (ctx, node) => {
    const target = node?.kind === 'image' ? imageTargetOf(ctx, node) : await pickImage(ctx, vscode.l10n.t('Scan which image for known vulnerabilities?'));
    if (!target) return undefined;
    const scanner = await chooseScanner(ctx, false);
    if (!scanner) return undefined;
    const { updateDatabase } = settings();
    let result: ScanResult | undefined;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning {0} with {1}', target.reference, SCANNER_NAMES[scanner.id]), cancellable: true },
        (_progress, token) => runScan(scanner, { reference: target.reference, imageId: target.image.Id }, { updateDatabase, engineEnv: engineEnv(ctx.active, scanner.id === 'docker-scout') }, token),
      );
    } catch (error) {
      if (error instanceof ScanFailed && error.missingDatabase) {
        throw new Error(vscode.l10n.t('{0} has no vulnerability database yet and Docker Workbench does not download one unless asked. Download it once (for example `trivy image --download-db-only` or `grype db update`), or turn on dockerWorkbench.vulnerabilities.updateDatabase.', SCANNER_NAMES[scanner.id]));
      }
      throw error;
    }
    if (!result) return undefined;
    ctx.log.info(`scanned ${target.reference} with ${scanner.id}: ${result.findings.length} findings`);
    view.show(result);
    await applyDiagnostics(ctx, result);
    await vscode.commands.executeCommand('dockerWorkbench.vulnerabilities.focus');
    return result;
  };

  const openAdvisory: Handler = async (_ctx, node) => {
    const finding = (node as unknown as VulnerabilityNode | undefined)?.kind === 'finding' ? (node as unknown as { finding: { url?: string } }).finding : undefined;
    if (finding?.url) await vscode.env.openExternal(vscode.Uri.parse(finding.url));
  };

  // The view says whether a scanner is there once it is shown (no process runs at activation).
  let looked = false;
  context.subscriptions.push(treeView.onDidChangeVisibility((e) => {
    if (!e.visible || looked) return;
    looked = true;
    void installed().catch(() => undefined);
  }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (looked && e.affectsConfiguration('dockerWorkbench.vulnerabilities')) void installed().catch(() => undefined);
  }));

  return {
    view,
    diagnostics,
    commands: {
      [VULNERABILITY_COMMANDS.scan]: scan,
      [VULNERABILITY_COMMANDS.chooseScanner]: async (ctx) => (await chooseScanner(ctx, true))?.id,
      [VULNERABILITY_COMMANDS.openAdvisory]: openAdvisory,
      [VULNERABILITY_COMMANDS.clear]: () => {
        view.clear();
        diagnostics.clear();
      },
    },
  };
}

