// How the Registries view orders and abbreviates what registries send. Pure: unit-tested.
import { formatPlatform, type Platform } from './manifest';

/** `latest` first, then newest-looking first: numbers compared as numbers (2.10 after 2.9). */
export function sortTags(tags: readonly string[]): string[] {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...tags].sort((a, b) => (a === 'latest' ? -1 : b === 'latest' ? 1 : collator.compare(b, a)));
}

export function sortRepositories(repositories: readonly string[]): string[] {
  return [...repositories].sort((a, b) => a.localeCompare(b, 'en'));
}

/** `sha256:0123456789ab`: enough to tell digests apart, as `docker images --digests` shows them. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest.slice(0, 12) : `${digest.slice(0, colon)}:${digest.slice(colon + 1, colon + 13)}`;
}

/** `linux/amd64, linux/arm64 +3`: the first few platforms, then how many more. */
export function platformsText(platforms: readonly Platform[], shown = 3): string {
  const names = [...new Set(platforms.map(formatPlatform))];
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
}
