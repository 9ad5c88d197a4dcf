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

/** `0123456789ab`: the first 12 hex digits of a SHA-256 digest, as image ids are shortened (other algorithms keep their name). */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  if (colon < 0) return digest.slice(0, 12);
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1, colon + 13);
  return algorithm === 'sha256' ? hex : `${algorithm}:${hex}`;
}

/** `linux/amd64, linux/arm64 +3`: the first few platforms, then how many more. */
export function platformsText(platforms: readonly Platform[], shown = 3): string {
  const names = [...new Set(platforms.map(formatPlatform))];
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
}
