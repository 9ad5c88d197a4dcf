// What each flag, mount option and parser directive means, for hovers and completion.
import { t } from '../../../l10n';

const FLAG_DOCS: Record<string, () => string> = {
  'FROM platform': () => t('Selects the platform of the base image (os/arch[/variant]). Use $BUILDPLATFORM for stages that run build tools natively, and leave it out to build for the target platform.'),
  'COPY from': () => t('Copies from an earlier stage (by name or number), a named build context, or an image, instead of from the build context.'),
  'COPY chown': () => t('Sets the owner of the copied files, as user[:group] names or ids. Without it files belong to root.'),
  'COPY chmod': () => t('Sets the permissions of the copied files, in octal (755) or symbolic form.'),
  'COPY link': () => t('Puts the files in an independent layer, so it can be reused even when layers below it change (and rebased without copying).'),
  'COPY parents': () => t('Keeps the directory structure of the source paths below the context root.'),
  'COPY exclude': () => t('Leaves out paths matching this pattern; may be repeated.'),
  'ADD chown': () => t('Sets the owner of the added files.'),
  'ADD chmod': () => t('Sets the permissions of the added files.'),
  'ADD link': () => t('Puts the files in an independent layer.'),
  'ADD checksum': () => t('Verifies a downloaded file (or a Git commit) against this digest, so a changed download fails the build.'),
  'ADD keep-git-dir': () => t('Keeps the .git directory when adding a Git repository.'),
  'ADD exclude': () => t('Leaves out paths matching this pattern; may be repeated.'),
  'ADD unpack': () => t('Controls whether archives are unpacked (true) or copied as files (false).'),
  'RUN mount': () => t('Mounts something only while this command runs, without adding it to the layer: type=cache (a persistent cache such as a package cache), type=secret (a secret file or variable), type=ssh (the SSH agent), type=bind (files from the context or a stage) or type=tmpfs.'),
  'RUN network': () => t('Network access for this command: default, none (no network, for reproducible steps) or host.'),
  'RUN security': () => t('insecure runs the command with extended privileges (needs the security.insecure entitlement); sandbox is the default.'),
  'RUN device': () => t('Gives the command access to a device (experimental, CDI device names).'),
  'HEALTHCHECK interval': () => t('Time between two checks, such as 30s (default 30s).'),
  'HEALTHCHECK timeout': () => t('A check that takes longer than this counts as failed (default 30s).'),
  'HEALTHCHECK start-period': () => t('Time the application gets to start; failures during it do not count (default 0s).'),
  'HEALTHCHECK start-interval': () => t('Time between checks during the start period (default 5s).'),
  'HEALTHCHECK retries': () => t('Consecutive failures needed to mark the container unhealthy (default 3).'),
};

export function flagDoc(instruction: string, name: string): string | undefined {
  return FLAG_DOCS[`${instruction} ${name}`]?.();
}

const MOUNT_DOCS: Record<string, () => string> = {
  type: () => t('bind, cache, tmpfs, secret or ssh (default bind).'),
  target: () => t('Where the mount appears while the command runs.'),
  source: () => t('Path inside the from source (bind, cache).'),
  from: () => t('Stage, image or build context to mount from.'),
  id: () => t('Identifies the cache, secret or SSH agent.'),
  sharing: () => t('How concurrent builds share a cache: shared, private or locked.'),
  readonly: () => t('Mount read-only.'),
  readwrite: () => t('Allow writes to a bind mount (they are thrown away afterwards).'),
  required: () => t('Fail when the secret or SSH agent is not provided.'),
  mode: () => t('File mode of the secret or cache root, in octal.'),
  uid: () => t('User id owning the mount.'),
  gid: () => t('Group id owning the mount.'),
  size: () => t('Size limit of a tmpfs mount.'),
  env: () => t('Expose the secret as this environment variable instead of a file.'),
};

export function mountKeyDoc(key: string): string | undefined {
  return MOUNT_DOCS[key]?.();
}

export const DIRECTIVE_DOCS: Record<string, () => string> = {
  syntax: () => t('Chooses the Dockerfile frontend image that parses this file, such as docker/dockerfile:1 for the latest stable syntax. Must be on the first lines, before any instruction.'),
  escape: () => t('Sets the escape and line-continuation character: \\ (default) or ` (handy on Windows, where paths use backslashes).'),
  check: () => t('Configures BuildKit build checks: skip=Rule1,Rule2 turns rules off, error=true makes check warnings fail the build.'),
};
