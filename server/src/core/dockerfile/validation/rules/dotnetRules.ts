// `COPY ["src/Api/Api.csproj", "Api/"]` then `RUN dotnet restore` in a solution that manages its
// package versions centrally (Directory.Packages.props with ManagePackageVersionsCentrally, the
// default of .NET Aspire's templates): the projects' PackageReference items carry no Version, and
// without the props file beside them in the image restore stops ("NU1015: The following
// PackageReference item(s) do not have a version specified"), so the image cannot be built (round
// 42: six service Dockerfiles of one solution). Said where the props file is in the build context,
// nothing copied before the restore brings it (no `COPY . .`, no folder holding it, no *.props), and
// a project copied names a package without a version.
import { t } from '../../../l10n';
import { copiesFromContext, copyArgs, literalSource } from '../../analysis/copySources';
import { contextHolding } from '../../analysis/buildContext';
import { folderLister } from '../../../repositoryFiles';
import { commandsOf, runShells } from './shellCommands';
import { rule } from './rule';

/** dotnet commands that restore first (unless --no-restore). */
const RESTORES = new Set(['restore', 'build', 'publish', 'test', 'run', 'pack']);

/** Whether a project file has a PackageReference with no Version (attribute or element): one that central management versions. */
export function referencesWithoutVersion(project: string): boolean {
  if (project.length > 512 * 1024) return false;
  for (const m of project.matchAll(/<PackageReference\b([^>]*)>/gi)) {
    const attributes = m[1]!;
    if (/\bVersion(Override)?\s*=/i.test(attributes)) continue;
    if (attributes.trimEnd().endsWith('/')) return true;
    const end = project.indexOf('</PackageReference>', m.index);
    if (end < 0 || !/<Version(Override)?>/i.test(project.slice(m.index, end))) return true;
  }
  return false;
}

export const dotnetCentralPackagesMissing = rule({
  id: 'dotnet-central-packages-missing', severity: 'error',
  explain: () => [
    t('A solution that manages its NuGet package versions centrally keeps them in Directory.Packages.props (ManagePackageVersionsCentrally), and its projects\' PackageReference items name packages without a Version. dotnet restore reads the file from the project\'s folder up: a Dockerfile that copies only the .csproj files before the restore leaves it out, and restore stops ("NU1015: The following PackageReference item(s) do not have a version specified").'),
    t('Copy Directory.Packages.props (and Directory.Build.props where there is one) to the folder above the projects before dotnet restore: COPY ["Directory.Packages.props", "./"]. Reported where the build context has the file, nothing copied before the restore can bring it, and a copied project names a package without a version.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  if (!/\bdotnet\b/.test(a.text) || !/\.(cs|fs|vb)proj\b/.test(a.text)) return;
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    const restore = commandsOf(run).find((c) => c.name === 'dotnet' && RESTORES.has(c.args[0]?.text ?? '') && !c.args.some((w) => w.text === '--no-restore'));
    if (!restore) continue;
    // What the stage and those it is built FROM copied from the context before this RUN.
    const sources: string[] = [];
    let whole = false;
    for (const s of [...a.chainOf(run.stage)].reverse()) {
      for (const i of s.instructions) {
        if (s === run.stage && i.index >= run.instruction.index) break;
        if (!copiesFromContext(i)) continue;
        for (const w of copyArgs(i).sources) {
          const path = literalSource(w.raw, w.value);
          if (path === undefined) whole ||= w.value === '.' || w.value === './' || /[*?[]/.test(w.value);
          else sources.push(path);
        }
      }
    }
    const projects = sources.filter((p) => /\.(cs|fs|vb)proj$/.test(p));
    if (whole || projects.length === 0 || sources.some((p) => /\.props$/.test(p))) break;
    const folder = contextHolding(ctx.uri, ctx.files, ctx.facts, projects);
    if (!folder) return;
    // A props file between the context and a project, holding the setting; a folder copied whole that holds it brings it.
    const list = folderLister(ctx.files);
    const propsFolder = (project: string): string | undefined => {
      const parts = project.split('/').slice(0, -1);
      for (let k = parts.length; k >= 0; k--) {
        const dir = parts.slice(0, k).join('/');
        if (list(dir ? `${folder}/${dir}` : folder).includes('Directory.Packages.props')) return dir;
      }
      return undefined;
    };
    const withoutVersion = projects.find((p) => {
      const dir = propsFolder(p);
      if (dir === undefined || sources.some((s) => s !== p && (s === dir || (dir === '' ? false : dir.startsWith(`${s}/`))))) return false;
      const props = ctx.files.readText(`${folder}/${dir ? `${dir}/` : ''}Directory.Packages.props`) ?? '';
      if (!/<ManagePackageVersionsCentrally>\s*true\s*</i.test(props)) return false;
      return referencesWithoutVersion(ctx.files.readText(`${folder}/${p}`) ?? '');
    });
    if (withoutVersion === undefined) break;
    const dir = propsFolder(withoutVersion)!;
    ctx.report(run.info.span(restore.raw.start, restore.raw.end), t('{0} manages its package versions in {1}, which nothing copies before this restore: the project\'s PackageReference items have no Version, so restore stops ("NU1015: ... do not have a version specified"). Copy {1} to the folder above the projects first.', withoutVersion, `${dir ? `${dir}/` : ''}Directory.Packages.props`));
    break;
  }
});

export const dotnetRules = [dotnetCentralPackagesMissing];
