// Images grouped the way people think of them: by repository, with tags as items, and the
// dangling ones apart. Also turns a layer's `created by` back into the instruction that made it.
// Pure (no vscode import): unit-tested.
import type { ImageSummary } from '../engine/dockerEngine';

export interface TaggedImage {
  repository: string;
  /** The tag, or `@sha256:…` for an image known only by digest. */
  tag: string;
  image: ImageSummary;
}

export interface ImageGroups {
  repositories: Map<string, TaggedImage[]>;
  dangling: ImageSummary[];
}

/** Splits `registry:5000/team/app:1.2` into repository and tag (the tag follows the last colon after the last slash). */
export function splitReference(reference: string): { repository: string; tag: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { repository: reference.slice(0, at), tag: reference.slice(at) };
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}

export function groupImages(images: Iterable<ImageSummary>): ImageGroups {
  const repositories = new Map<string, TaggedImage[]>();
  const dangling: ImageSummary[] = [];
  const add = (entry: TaggedImage) => {
    const list = repositories.get(entry.repository);
    if (list) list.push(entry);
    else repositories.set(entry.repository, [entry]);
  };
  for (const image of images) {
    const tags = (image.RepoTags ?? []).filter((t) => t && t !== '<none>:<none>');
    if (tags.length > 0) {
      for (const reference of tags) add({ ...splitReference(reference), image });
      continue;
    }
    const digests = (image.RepoDigests ?? []).filter((d) => d && !d.startsWith('<none>@'));
    if (digests.length > 0) {
      const { repository, tag } = splitReference(digests[0]!);
      add({ repository, tag: tag.slice(0, 20) + '…', image });
    } else {
      dangling.push(image);
    }
  }
  for (const list of repositories.values()) list.sort((a, b) => b.image.Created - a.image.Created || a.tag.localeCompare(b.tag));
  dangling.sort((a, b) => b.Created - a.Created);
  return { repositories, dangling };
}

/**
 * The Dockerfile instruction behind a history entry: the classic builder writes
 * `/bin/sh -c #(nop)  CMD ["sh"]` for metadata and `/bin/sh -c apk add …` for RUN; BuildKit
 * writes `RUN /bin/sh -c … # buildkit` and `COPY … # buildkit`.
 */
export function layerInstruction(createdBy: string): string {
  const text = createdBy.trim().replace(/\s+# buildkit$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop) return nop[1]!.trim();
  const shell = /^(?:\|\d+ [^/]*)?\/bin\/sh -c (.*)$/s.exec(text);
  if (shell) return `RUN ${shell[1]!.trim()}`;
  if (/^(RUN|COPY|ADD|WORKDIR|ENV|ARG|LABEL|EXPOSE|CMD|ENTRYPOINT|USER|VOLUME|HEALTHCHECK|SHELL|STOPSIGNAL|ONBUILD)\b/i.test(text)) return text;
  // Anything else is an exec-form RUN, which the classic builder records as the bare command.
  return text ? `RUN ${text}` : '(unknown)';
}
