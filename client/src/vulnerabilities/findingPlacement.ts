// Where a scan's findings go in the Dockerfile that built the image: a package that an
// instruction of the file installed (the scanner names its layer) goes on that instruction; the
// rest, the base image's, on the FROM line. One entry per place and package, its findings most
// severe first. Pure.
import type { DockerfileLayers, SourceRange } from '../imageAnalysis/layerSources';
import { SEVERITIES, type Finding, type Severity } from './scanReports';

export interface PlacedPackage {
  range: SourceRange;
  packageName: string;
  installedVersion: string;
  findings: Finding[];
  /** The most severe of its findings. */
  severity: Severity;
}

/**
 * @param layers the Dockerfile's instructions per history step, and its FROM line
 * @param stepOfLayer history step that made the layer with this diff id (when known)
 */
export function placeFindings(findings: readonly Finding[], layers: DockerfileLayers, stepOfLayer: ReadonlyMap<string, number>): PlacedPackage[] {
  const placed = new Map<string, PlacedPackage>();
  for (const finding of findings) {
    const step = finding.layerDiffId === undefined ? undefined : stepOfLayer.get(finding.layerDiffId);
    const range = (step !== undefined ? layers.byHistory.get(step) : undefined) ?? layers.from;
    if (!range) continue;
    const key = `${range.line}:${range.start.character}\0${finding.packageName}\0${finding.installedVersion}`;
    let entry = placed.get(key);
    if (!entry) {
      entry = { range, packageName: finding.packageName, installedVersion: finding.installedVersion, findings: [], severity: finding.severity };
      placed.set(key, entry);
    }
    entry.findings.push(finding);
    if (SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(entry.severity)) entry.severity = finding.severity;
  }
  for (const entry of placed.values()) entry.findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  return [...placed.values()].sort((a, b) => a.range.line - b.range.line || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.packageName.localeCompare(b.packageName));
}
