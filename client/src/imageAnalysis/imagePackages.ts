// Follows the package files through the layers: after each layer, the package databases and
// manifests the filesystem still shows say which packages the image has; the difference with the
// layer below says what this layer installed or removed. A package keeps the layer that first
// brought it (while it stays). Pure.
import { lookup, type FsNode } from './layerFilesystem';
import type { LayerContents } from './layerReader';
import { parseOsRelease, type PackageInfo, type PackageSource } from './packages';

export interface ImagePackage extends PackageInfo {
  source: PackageSource;
  /** The file it was read from. */
  path: string;
  /** The layer (index) that installed it. */
  layer: number;
}

export interface LayerPackages {
  added: ImagePackage[];
  removed: ImagePackage[];
}

export interface OsRelease {
  id?: string;
  versionId?: string;
  prettyName?: string;
}

const keyOf = (source: string, path: string, p: PackageInfo) => `${source}\0${path}\0${p.name}\0${p.version}\0${p.arch ?? ''}`;

export class PackageTracker {
  /** Package files visible after the last layer applied: path → the layer that wrote it and its packages. */
  private readonly files = new Map<string, { layer: number; source: PackageSource; packages: PackageInfo[] }>();
  private present = new Map<string, ImagePackage>();
  readonly perLayer: LayerPackages[] = [];
  private osReleases: Array<{ layer: number; path: string; text: string }> = [];

  constructor(private readonly layers: readonly LayerContents[]) {}

  afterLayer(index: number, root: FsNode): void {
    const stillThere = (path: string, layer: number) => lookup(root, path)?.current?.layer === layer;
    for (const [path, file] of this.files) if (!stillThere(path, file.layer)) this.files.delete(path);
    const layer = this.layers[index]!;
    for (const found of layer.packages) {
      if (stillThere(found.path, index)) this.files.set(found.path, { layer: index, source: found.source, packages: found.packages });
    }
    if (layer.osRelease) this.osReleases.push({ layer: index, ...layer.osRelease });

    const next = new Map<string, ImagePackage>();
    const added: ImagePackage[] = [];
    for (const [path, file] of this.files) {
      for (const info of file.packages) {
        const key = keyOf(file.source, path, info);
        if (next.has(key)) continue;
        const before = this.present.get(key);
        const pkg = before ?? { ...info, source: file.source, path, layer: index };
        next.set(key, pkg);
        if (!before) added.push(pkg);
      }
    }
    const removed = [...this.present].filter(([key]) => !next.has(key)).map(([, p]) => p);
    this.present = next;
    this.perLayer.push({ added: sortPackages(added), removed: sortPackages(removed) });
  }

  /** The packages of the final image. */
  packages(): ImagePackage[] {
    return sortPackages([...this.present.values()]);
  }

  /** The distribution, from the os-release file the final filesystem shows. */
  osRelease(root: FsNode): OsRelease | undefined {
    for (const candidate of [...this.osReleases].reverse()) {
      if (lookup(root, candidate.path)?.current?.layer !== candidate.layer) continue;
      const values = parseOsRelease(candidate.text);
      return { id: values.ID, versionId: values.VERSION_ID, prettyName: values.PRETTY_NAME };
    }
    return undefined;
  }
}

const SOURCE_ORDER: PackageSource[] = ['dpkg', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven'];

export function sortPackages(packages: ImagePackage[]): ImagePackage[] {
  return packages.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || a.path.localeCompare(b.path));
}
