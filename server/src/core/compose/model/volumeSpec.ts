// The short volume syntax, `[SOURCE:]TARGET[:MODE]`, split the way compose splits it: a colon
// after a single drive letter (C:\data) belongs to a Windows path. The source is a named volume
// unless it looks like a path (., /, ~, \, a drive letter) or is not known until interpolation.

export interface VolumeSpec {
  source?: { text: string; start: number; end: number };
  target: { text: string; start: number; end: number };
  mode?: { text: string; start: number; end: number };
  /** The source names a volume declared under the top-level `volumes` key. */
  named: boolean;
}

export function parseVolumeSpec(text: string): VolumeSpec | undefined {
  const parts: { text: string; start: number; end: number }[] = [];
  let partStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':') continue;
    const isDrive = i - partStart === 1 && /[A-Za-z]/.test(text[partStart]!) && (text[i + 1] === '\\' || text[i + 1] === '/');
    if (isDrive) continue;
    parts.push({ text: text.slice(partStart, i), start: partStart, end: i });
    partStart = i + 1;
  }
  parts.push({ text: text.slice(partStart), start: partStart, end: text.length });
  if (parts.length === 1) return { target: parts[0]!, named: false };
  if (parts.length > 3) return undefined;
  const [source, target, mode] = parts as [typeof parts[0], typeof parts[0], typeof parts[0] | undefined];
  const spec: VolumeSpec = { source, target, named: isVolumeName(source.text) };
  if (mode) spec.mode = mode;
  return spec;
}

export function isVolumeName(source: string): boolean {
  if (source === '' || source.includes('$')) return false;
  if (/^[./~\\]/.test(source)) return false;
  if (/^[A-Za-z]:/.test(source)) return false;
  // Docker's volume names are [a-zA-Z0-9][a-zA-Z0-9_.-]*: a placeholder to replace (<<path to your
  // smbfile>>, round 24) names no volume.
  return /^[A-Za-z0-9][\w.-]*$/.test(source);
}
