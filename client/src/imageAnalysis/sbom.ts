// The image's packages as a software bill of materials, in the two JSON formats tools read:
// CycloneDX 1.5 and SPDX 2.3. Each package keeps where it came from (the layer that installed it,
// its digest and the file it was read from) and gets a package URL (purl) so scanners can match
// it. Pure: the time and the unique ids are parameters.
import type { ImageAnalysis } from './imageAnalysis';
import type { ImagePackage } from './imagePackages';

export const TOOL_NAME = 'docker-workbench';
export const TOOL_VERSION = '0.1.0';

export interface SbomOptions {
  /** ISO time of creation. */
  now: Date;
  /** A fresh UUID (serial number, document namespace). */
  uuid: string;
}

const enc = (s: string) => encodeURIComponent(s);

/** The distribution namespace for OS package purls (`debian`, `alpine`, `ubuntu`…). */
function distroNamespace(analysis: Pick<ImageAnalysis, 'os'>, fallback: string): string {
  return (analysis.os?.id ?? fallback).toLowerCase();
}

/** A package URL (https://github.com/package-url/purl-spec), or undefined when it cannot have one. */
export function purlOf(p: ImagePackage, analysis: Pick<ImageAnalysis, 'os'>): string | undefined {
  const qualifiers = (pairs: Array<[string, string | undefined]>) => {
    const set = pairs.filter((q): q is [string, string] => Boolean(q[1])).map(([k, v]) => `${k}=${enc(v)}`);
    return set.length ? `?${set.join('&')}` : '';
  };
  const distro = analysis.os?.id && analysis.os.versionId ? `${analysis.os.id}-${analysis.os.versionId}` : undefined;
  switch (p.source) {
    case 'dpkg':
      return `pkg:deb/${enc(distroNamespace(analysis, 'debian'))}/${enc(p.name)}@${enc(p.version)}${qualifiers([['arch', p.arch], ['distro', distro]])}`;
    case 'apk':
      return `pkg:apk/${enc(distroNamespace(analysis, 'alpine'))}/${enc(p.name)}@${enc(p.version)}${qualifiers([['arch', p.arch], ['distro', distro]])}`;
    case 'rpm':
      return `pkg:rpm/${enc(distroNamespace(analysis, 'redhat'))}/${enc(p.name)}@${enc(p.version)}${qualifiers([['arch', p.arch], ['distro', distro]])}`;
    case 'npm': {
      const scoped = /^(@[^/]+)\/(.+)$/.exec(p.name);
      return scoped ? `pkg:npm/${enc(scoped[1]!)}/${enc(scoped[2]!)}@${enc(p.version)}` : `pkg:npm/${enc(p.name)}@${enc(p.version)}`;
    }
    case 'pypi':
      return `pkg:pypi/${enc(p.name.toLowerCase().replace(/[-_.]+/g, '-'))}@${enc(p.version)}`;
    case 'golang': {
      if (p.name === 'stdlib') return `pkg:golang/stdlib@${enc(p.version.replace(/^go/, ''))}`;
      return `pkg:golang/${p.name.split('/').map(enc).join('/')}@${enc(p.version)}`;
    }
    case 'maven':
      return p.group ? `pkg:maven/${enc(p.group)}/${enc(p.name)}@${enc(p.version)}` : undefined;
  }
}

function layerNote(p: ImagePackage, analysis: ImageAnalysis): string {
  const layer = analysis.layers[p.layer];
  return `layer ${p.layer + 1}${layer?.diffId ? ` (${layer.diffId})` : ''}: /${p.path}`;
}

/** CycloneDX 1.5 (https://cyclonedx.org/docs/1.5/json/). */
export function cycloneDx(analysis: ImageAnalysis, options: SbomOptions): Record<string, unknown> {
  const imageRef = 'image';
  const components: Record<string, unknown>[] = [];
  if (analysis.os?.id) {
    components.push({ type: 'operating-system', 'bom-ref': 'os', name: analysis.os.id, ...(analysis.os.versionId ? { version: analysis.os.versionId } : {}), ...(analysis.os.prettyName ? { description: analysis.os.prettyName } : {}) });
  }
  analysis.packages.forEach((p, i) => {
    const purl = purlOf(p, analysis);
    const layer = analysis.layers[p.layer];
    components.push({
      type: 'library',
      'bom-ref': `package-${i + 1}`,
      ...(p.group ? { group: p.group } : {}),
      name: p.name,
      version: p.version,
      ...(purl ? { purl } : {}),
      ...(p.license ? { licenses: [{ license: { name: p.license } }] } : {}),
      properties: [
        { name: 'docker-workbench:package:source', value: p.source },
        { name: 'docker-workbench:package:path', value: `/${p.path}` },
        { name: 'docker-workbench:layer:index', value: String(p.layer + 1) },
        ...(layer?.diffId ? [{ name: 'docker-workbench:layer:diffID', value: layer.diffId }] : []),
        ...(p.arch ? [{ name: 'docker-workbench:package:arch', value: p.arch }] : []),
        ...(p.origin ? [{ name: 'docker-workbench:package:origin', value: p.origin }] : []),
      ],
    });
  });
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${options.uuid}`,
    version: 1,
    metadata: {
      timestamp: options.now.toISOString(),
      tools: { components: [{ type: 'application', name: TOOL_NAME, version: TOOL_VERSION }] },
      component: {
        type: 'container',
        'bom-ref': imageRef,
        name: analysis.reference,
        version: analysis.imageId,
        properties: [
          { name: 'docker-workbench:image:id', value: analysis.imageId },
          ...(analysis.architecture ? [{ name: 'docker-workbench:image:architecture', value: analysis.architecture }] : []),
        ],
      },
    },
    components,
    dependencies: [{ ref: imageRef, dependsOn: components.map((c) => c['bom-ref'] as string) }],
  };
}

/** SPDX 2.3 (https://spdx.github.io/spdx-spec/v2.3/). */
export function spdx(analysis: ImageAnalysis, options: SbomOptions): Record<string, unknown> {
  const created = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const safeName = analysis.reference.replace(/[^A-Za-z0-9.-]+/g, '-');
  const image = {
    name: analysis.reference,
    SPDXID: 'SPDXRef-Image',
    versionInfo: analysis.imageId,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
  };
  const packages = analysis.packages.map((p, i) => {
    const purl = purlOf(p, analysis);
    return {
      name: p.group ? `${p.group}:${p.name}` : p.name,
      SPDXID: `SPDXRef-Package-${i + 1}`,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      // Declared licenses are kept as the package wrote them, which is not always an SPDX expression.
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      sourceInfo: `found in ${layerNote(p, analysis)}`,
      ...(p.license ? { comment: `declared license: ${p.license}` } : {}),
      primaryPackagePurpose: 'LIBRARY',
      ...(purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }] } : {}),
    };
  });
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: analysis.reference,
    documentNamespace: `https://docker-workbench.invalid/spdx/${safeName}-${options.uuid}`,
    creationInfo: { created, creators: [`Tool: ${TOOL_NAME}-${TOOL_VERSION}`] },
    packages: [image, ...packages],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      ...packages.map((p) => ({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
    ],
  };
}
