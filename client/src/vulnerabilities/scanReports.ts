// The JSON reports of the three scanners, read into one shape: Trivy's `--format json` (schema
// version 2: Results[].Vulnerabilities[]; the pre-0.20 top-level array too), Grype's `-o json`
// (matches[] of vulnerability + artifact) and Docker Scout's `cves --format sarif` (SARIF 2.1.0
// whose rules carry the severity, fixed version and package URLs). Never throws on odd input:
// what is not understood is skipped. Pure.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

export interface Finding {
  id: string;
  severity: Severity;
  packageName: string;
  installedVersion: string;
  /** The version that fixes it, when one exists. */
  fixedVersion?: string;
  /** The scanner's package type (debian, apk, npm, gobinary…). */
  packageType?: string;
  title?: string;
  url?: string;
  /** The layer the package came from (its diff id), when the scanner says. */
  layerDiffId?: string;
  /** The file the package was found in, when the scanner says. */
  path?: string;
}

export function severityOf(value: unknown): Severity {
  const text = String(value ?? '').toLowerCase();
  return (SEVERITIES as string[]).includes(text) ? (text as Severity) : text === 'moderate' ? 'medium' : text === 'important' ? 'high' : 'unknown';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export class ReportFormatError extends Error {}

function parseJson(text: string, tool: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ReportFormatError(`${tool} did not print a JSON report`);
  }
}

/** Trivy: `trivy image --format json`. */
export function parseTrivyReport(text: string): Finding[] {
  const json = parseJson(text, 'Trivy');
  const results = Array.isArray(json) ? json : arr(obj(json).Results);
  const findings: Finding[] = [];
  for (const result of results) {
    const r = obj(result);
    for (const v of arr(r.Vulnerabilities)) {
      const vuln = obj(v);
      const id = str(vuln.VulnerabilityID);
      const packageName = str(vuln.PkgName);
      if (!id || !packageName) continue;
      findings.push(clean({
        id,
        severity: severityOf(vuln.Severity),
        packageName,
        installedVersion: str(vuln.InstalledVersion) ?? '',
        fixedVersion: str(vuln.FixedVersion),
        packageType: str(r.Type),
        title: str(vuln.Title) ?? firstLine(str(vuln.Description)),
        url: str(vuln.PrimaryURL) ?? str(arr(vuln.References)[0]),
        layerDiffId: str(obj(vuln.Layer).DiffID),
        path: str(vuln.PkgPath) ?? (str(r.Class) === 'lang-pkgs' ? str(r.Target) : undefined),
      }));
    }
  }
  return dedupe(findings);
}

/** Grype: `grype <image> -o json`. */
export function parseGrypeReport(text: string): Finding[] {
  const json = obj(parseJson(text, 'Grype'));
  if (!Array.isArray(json.matches)) throw new ReportFormatError('Grype\'s report has no "matches"');
  const findings: Finding[] = [];
  for (const m of json.matches) {
    const match = obj(m);
    const vuln = obj(match.vulnerability);
    const artifact = obj(match.artifact);
    const id = str(vuln.id);
    const packageName = str(artifact.name);
    if (!id || !packageName) continue;
    const fix = obj(vuln.fix);
    const fixed = arr(fix.versions).filter((v): v is string => typeof v === 'string' && v !== '');
    const location = obj(arr(artifact.locations)[0]);
    const related = obj(arr(match.relatedVulnerabilities)[0]);
    findings.push(clean({
      id,
      severity: severityOf(vuln.severity),
      packageName,
      installedVersion: str(artifact.version) ?? '',
      fixedVersion: str(fix.state) === 'fixed' && fixed.length ? fixed.join(', ') : undefined,
      packageType: str(artifact.type),
      title: firstLine(str(vuln.description) ?? str(related.description)),
      url: str(vuln.dataSource) ?? str(arr(vuln.urls)[0]),
      layerDiffId: str(location.layerID),
      path: str(location.path)?.replace(/^\//, ''),
    }));
  }
  return dedupe(findings);
}

/** `pkg:type/namespace/name@version?…` → name and version (decoded). */
function purlParts(purl: string): { type?: string; name?: string; version?: string } {
  const match = /^pkg:([^/]+)\/(?:.*\/)?([^/@?#]+)@([^?#]+)/.exec(purl);
  if (!match) return {};
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { type: match[1], name: decode(match[2]!), version: decode(match[3]!) };
}

/** Docker Scout: `docker scout cves --format sarif`. */
export function parseScoutSarif(text: string): Finding[] {
  const json = obj(parseJson(text, 'Docker Scout'));
  if (!Array.isArray(json.runs)) throw new ReportFormatError('Docker Scout\'s report is not SARIF (no "runs")');
  const findings: Finding[] = [];
  for (const run of json.runs) {
    const r = obj(run);
    const rules = arr(obj(obj(r.tool).driver).rules).map(obj);
    const byId = new Map(rules.map((rule) => [str(rule.id) ?? '', rule]));
    // One finding per package a rule names; the results tell where each package is.
    const paths = new Map<string, string>();
    for (const res of arr(r.results)) {
      const result = obj(res);
      const ruleId = str(result.ruleId) ?? str(rules[Number(result.ruleIndex)]?.id);
      const uri = str(obj(obj(obj(arr(result.locations)[0]).physicalLocation).artifactLocation).uri);
      if (ruleId && uri && !paths.has(ruleId)) paths.set(ruleId, uri.replace(/^\//, ''));
    }
    for (const [id, rule] of byId) {
      if (!id) continue;
      const props = obj(rule.properties);
      const purls = arr(props.purls).filter((p): p is string => typeof p === 'string');
      if (typeof props.purl === 'string') purls.push(props.purl);
      for (const purl of purls.length ? purls : ['']) {
        const parts = purlParts(purl);
        if (!parts.name) continue;
        findings.push(clean({
          id,
          severity: severityOf(props.cvssV3_severity),
          packageName: parts.name,
          installedVersion: parts.version ?? '',
          fixedVersion: str(props.fixed_version) && str(props.fixed_version) !== 'not fixed' ? str(props.fixed_version) : undefined,
          packageType: parts.type,
          title: firstLine(str(obj(rule.shortDescription).text) ?? str(obj(rule.help).text)),
          url: str(rule.helpUri),
          path: paths.get(id),
        }));
      }
    }
  }
  return dedupe(findings);
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim() !== '')?.trim();
  return line ? (line.length > 200 ? `${line.slice(0, 199)}…` : line) : undefined;
}

function clean(finding: Finding): Finding {
  for (const key of Object.keys(finding) as Array<keyof Finding>) if (finding[key] === undefined) delete finding[key];
  return finding;
}

/** One finding per vulnerability, package and version (scanners repeat them per location). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.id}\0${f.packageName}\0${f.installedVersion}`;
    if (!seen.has(key)) seen.set(key, f);
  }
  return sortFindings([...seen.values()]);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.packageName.localeCompare(b.packageName) || b.id.localeCompare(a.id) || a.installedVersion.localeCompare(b.installedVersion));
}
