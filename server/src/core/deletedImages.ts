// Images Docker Hub no longer serves under a name people still write, and what replaces them:
// openjdk's bare-major tags (deleted in November 2025), Microsoft's .NET repositories (deleted in
// 2021), and Bitnami's versioned tags (moved to bitnamilegacy in September 2025). A FROM or a
// compose service's image that names one stops with "manifest unknown", "not found" or "pull
// access denied" wherever it is not already pulled. Shared by both language services.
import { t } from './l10n';
import { repositoryAndTag } from './officialImages';

export interface DeletedImage {
  kind: 'openjdk' | 'microsoft' | 'bitnami' | 'hashicorp';
  /** The same image where it is now, or a maintained one, when that is known. */
  replacement?: string;
}

/** Java's long-term releases that eclipse-temurin publishes. */
const TEMURIN_LTS = [8, 11, 17, 21, 25];

/**
 * openjdk, deprecated in 2022: in November 2025 Docker Hub deleted every tag that is not an exact
 * old version (11.0.6, 8u342) or an early-access build (26-ea), the bare majors and their
 * variants (17, 17-jdk-slim, 8-jdk-alpine, 11-jre-slim) and latest with them
 * (docker-library/openjdk#550). The replacement: eclipse-temurin's release for that major, or the
 * next long-term one.
 */
function deletedOpenjdkTag(tag: string): string | undefined {
  if (/(^|[-.])(ea|rc)([-.\d]|$)/.test(tag)) return undefined;
  const major = tag === 'latest' ? 25 : /^(\d+)(?:-|$)/.exec(tag)?.[1];
  if (major === undefined) return undefined;
  const lts = TEMURIN_LTS.find((v) => v >= Number(major)) ?? 25;
  return `eclipse-temurin:${lts}-${/jre/.test(tag) ? 'jre' : 'jdk'}${/alpine/.test(tag) ? '-alpine' : ''}`;
}

/** .NET on Docker Hub's microsoft/ repositories, which Microsoft deleted in 2021 (dotnet/dotnet-docker#2848, dotnet/announcements#197). */
const MICROSOFT_DOTNET = new Set(['microsoft/dotnet', 'microsoft/dotnet-nightly', 'microsoft/aspnetcore', 'microsoft/aspnetcore-build', 'microsoft/dotnet-buildtools-prereqs']);

/**
 * Where microsoft/dotnet's tag now lives on mcr.microsoft.com: 2.1 and 3.1 on in dotnet/sdk,
 * dotnet/aspnet, dotnet/runtime; 2.2 and 3.0, which had ended before the move, in dotnet/core/*.
 */
function mcrDotnet(repository: string, tag: string): string | undefined {
  if (repository !== 'microsoft/dotnet') return undefined;
  const m = /^(\d+\.\d+)(?:\.\d+)?-(sdk|aspnetcore-runtime|runtime-deps|runtime)\b/.exec(tag);
  if (!m) return undefined;
  const kind = m[2] === 'aspnetcore-runtime' ? 'aspnet' : m[2]!;
  if (m[1] === '2.1' || m[1] === '3.1') return `mcr.microsoft.com/dotnet/${kind}:${m[1]}`;
  if (m[1] === '2.2' || m[1] === '3.0') return `mcr.microsoft.com/dotnet/core/${kind}:${m[1]}`;
  return undefined;
}

/**
 * Bitnami's repositories on Docker Hub kept only `latest`, for a smaller set of hardened images:
 * every versioned tag (bitnami/postgresql:15, bitnami/kafka:3.4) moved to docker.io/bitnamilegacy
 * in September 2025 (bitnami/containers#83267), where it gets no updates. minideb, the base OS, is
 * still published.
 */
function bitnamiLegacy(repository: string, tag: string): string | undefined {
  if (!repository.startsWith('bitnami/') || repository === 'bitnami/minideb' || tag === 'latest') return undefined;
  return `bitnamilegacy/${repository.slice('bitnami/'.length)}:${tag}`;
}

/** A pulled image Docker Hub no longer serves under this reference, or undefined. */
export function deletedImage(reference: string): DeletedImage | undefined {
  // A digest may still be served; a variable decides nothing yet.
  if (reference.includes('@')) return undefined;
  const ref = repositoryAndTag(reference);
  if (!ref) return undefined;
  const { repository, tag } = ref;
  if (MICROSOFT_DOTNET.has(repository)) {
    const replacement = mcrDotnet(repository, tag);
    return replacement ? { kind: 'microsoft', replacement } : { kind: 'microsoft' };
  }
  if (repository === 'openjdk') {
    const replacement = deletedOpenjdkTag(tag);
    return replacement ? { kind: 'openjdk', replacement } : undefined;
  }
  // HashiCorp left the official images in June 2023 and the latest tags of consul and vault were
  // deleted (docker-library/official-images#14949): `image: consul` stops at the pull (round 47).
  if ((repository === 'consul' || repository === 'vault') && tag === 'latest') return { kind: 'hashicorp', replacement: `hashicorp/${repository}:latest` };
  const legacy = bitnamiLegacy(repository, tag);
  return legacy ? { kind: 'bitnami', replacement: legacy } : undefined;
}

/** What to tell about a deleted image named as `written`. */
export function deletedImageMessage(written: string, deleted: DeletedImage): string {
  switch (deleted.kind) {
    case 'openjdk':
      return t('Docker Hub deleted {0} in November 2025 (the openjdk image is deprecated; only exact old versions and early-access builds are left), so the pull fails with "manifest unknown". Use {1}.', written, deleted.replacement!);
    case 'hashicorp':
      return t('HashiCorp stopped publishing {0} as a Docker official image in 2023, and its latest tag was deleted, so the pull fails with "manifest unknown". Use HashiCorp\'s own image, {1}.', written, deleted.replacement!);
    case 'bitnami':
      return t('Bitnami moved {0} off Docker Hub\'s bitnami/ repositories in September 2025 (only latest is left there, for some images), so the pull fails with "not found". The same image, without updates, is {1}; move to the official image or another maintained one.', written, deleted.replacement!);
    default:
      return deleted.replacement
        ? t('Microsoft deleted {0} from Docker Hub in 2021, so the pull fails with "pull access denied". The same image is {1}.', written, deleted.replacement)
        : t('Microsoft deleted {0} from Docker Hub in 2021, so the pull fails with "pull access denied". Its images are on mcr.microsoft.com now: use mcr.microsoft.com/dotnet/sdk, /aspnet or /runtime with a supported .NET.', written);
  }
}
