// Users and groups an official base image already has. `useradd -u 1000 app` on node (whose user
// node is uid 1000) or on Ubuntu 23.04 and later (user ubuntu, uid 1000), or `adduser nginx` on
// nginx, fails and stops the build ("UID 1000 is not unique", "user 'nginx' in use"), a failure
// every one of these images' users meets once. The table holds only what those images' own
// Dockerfiles create; a stage that removed the user first, or handles the failure, is left alone.
// Also Alpine's adduser options on a Debian-based image, whose adduser refuses them.
import { t } from '../../../l10n';
import type { Cmd } from './shellCommands';
import { commandsOf, commandSpan, runShells } from './shellCommands';
import { repositoryAndTag } from '../../../officialImages';
import { rule } from './rule';

interface Accounts {
  users: Record<string, number>;
  groups: Record<string, number>;
}

const NODE: Accounts = { users: { node: 1000 }, groups: { node: 1000 } };
const UBUNTU: Accounts = { users: { ubuntu: 1000 }, groups: { ubuntu: 1000 } };
const NGINX: Accounts = { users: { nginx: 101 }, groups: { nginx: 101 } };

/** Ubuntu releases from 23.04 on, whose image has the user ubuntu (uid 1000). */
const UBUNTU_WITH_USER = /^(2[3-9]\.\d\d|[3-9]\d\.\d\d|lunar|mantic|noble|oracular|plucky|questing|latest|rolling|devel)/;

function accountsOf(image: string): { image: string; accounts: Accounts } | undefined {
  const ref = repositoryAndTag(image);
  if (!ref) return undefined;
  if (ref.repository === 'node') return { image: 'node', accounts: NODE };
  if (ref.repository === 'nginx' || ref.repository === 'nginxinc/nginx-unprivileged') return { image: ref.repository, accounts: NGINX };
  if (ref.repository === 'ubuntu' && UBUNTU_WITH_USER.test(ref.tag)) return { image: `ubuntu:${ref.tag}`, accounts: UBUNTU };
  return undefined;
}

/** Options of useradd/adduser/groupadd/addgroup that take a value (Debian's and BusyBox's). */
const WITH_VALUE = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home', '--home-dir', '-s', '--shell', '-c', '--comment', '-k', '--skel', '-K', '--key', '-e', '--expiredate', '-f', '--inactive', '-p', '--password', '-R', '--root', '-P', '--prefix', '-b', '--base-dir', '-h', '--ingroup', '--gecos', '--firstuid', '--lastuid', '--extrausers', '--conf']);

interface Creation {
  kind: 'user' | 'group';
  name: string | undefined;
  id: number | undefined;
  /** The command itself tolerates a taken name or id (groupadd -f, useradd -o, adduser --system). */
  tolerant: boolean;
}

function creation(c: Cmd): Creation | undefined {
  const kind = c.name === 'useradd' || c.name === 'adduser' ? 'user' : c.name === 'groupadd' || c.name === 'addgroup' ? 'group' : undefined;
  if (!kind) return undefined;
  const words = c.args.map((w) => w.text);
  const operands: string[] = [];
  let id: number | undefined;
  let tolerant = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (!w.startsWith('-')) {
      operands.push(w);
      continue;
    }
    const [flag, inline] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    // groupadd -f and useradd/groupadd -o accept what is taken; Debian's adduser --system leaves an existing system account be.
    if (flag === '-o' || flag === '--non-unique' || flag === '--system' || (kind === 'group' && c.name === 'groupadd' && (flag === '-f' || flag === '--force'))) tolerant = true;
    if (!WITH_VALUE.has(flag) || (flag === '-f' && c.name === 'groupadd')) continue;
    const value = inline ?? words[++k];
    const idFlag = kind === 'user' ? ['-u', '--uid'] : ['-g', '--gid'];
    if (idFlag.includes(flag) && value !== undefined && /^\d+$/.test(value)) id = Number(value);
  }
  // adduser USER GROUP and addgroup USER GROUP add an existing user to a group (Debian and BusyBox alike).
  if ((c.name === 'adduser' || c.name === 'addgroup') && operands.length >= 2) return undefined;
  const name = operands[0];
  return { kind, name: name && /^[a-z_][a-z0-9_.-]*\$?$/i.test(name) ? name : undefined, id, tolerant };
}

export const userAlreadyExists = rule({
  id: 'user-already-exists', severity: 'error',
  explain: () => [
    t('Some official images already have an unprivileged account: node has the user and group node (1000), nginx has nginx (101), and Ubuntu from 23.04 on has ubuntu (1000). useradd, adduser, groupadd and addgroup refuse a name or an id that is taken, and the build stops ("UID 1000 is not unique", "user \'nginx\' in use").'),
    t('Use the account the image has (USER node), pick another id, or remove the account first (userdel -r ubuntu). Not reported where the command accepts a taken one (groupadd -f, -o, adduser --system) or its failure is handled.'),
  ],
}, (ctx) => {
  const a = ctx.a;
  for (const run of runShells(ctx)) {
    if (!run.stage) continue;
    // Most RUNs create no account: nothing else is read for them.
    const creations = commandsOf(run).filter((c) => !c.raw.nested).map((c) => ({ c, made: creation(c) })).filter((m) => m.made && !m.made.tolerant);
    if (creations.length === 0) continue;
    const base = accountsOf(a.rootImage(run.stage));
    if (!base) continue;
    // What earlier RUNs of the stage (and the stages it is built FROM) removed is free again.
    const removed = new Set<string>();
    for (const s of a.chainOf(run.stage)) {
      for (const i of s.instructions) {
        if (i.upper !== 'RUN' || (s === run.stage && i.index > run.instruction.index)) continue;
        for (const c of (a.shell(i)?.summary.commands ?? [])) {
          const [name, ...args] = c.words.map((w) => w.text.split('/').pop()!);
          // Removed, or renumbered or renamed (usermod, groupmod): not to be judged by the table any more.
          if (['userdel', 'deluser', 'groupdel', 'delgroup', 'usermod', 'groupmod'].includes(name ?? '')) args.filter((w) => !w.startsWith('-')).forEach((w) => removed.add(w));
        }
      }
    }
    const text = run.info.source.text;
    for (const { c, made: found } of creations) {
      const made = found!;
      // `useradd ... || true`, or `... 2>/dev/null || ...`: a failure the author expects.
      if (/^[^;&|\n]*\|\|/.test(text.slice(c.raw.end))) continue;
      // `id ubuntu || useradd ubuntu`: it runs only where the test before it fails (round 23: serveme on ubuntu:24.04).
      if (/\|\|\s*(\\\s*)*$/.test(text.slice(Math.max(0, c.raw.start - 200), c.raw.start))) continue;
      const table = made.kind === 'user' ? base.accounts.users : base.accounts.groups;
      const byName = made.name !== undefined && Object.prototype.hasOwnProperty.call(table, made.name) && !removed.has(made.name) ? made.name : undefined;
      const byId = made.id !== undefined ? Object.entries(table).find(([owner, id]) => id === made.id && !removed.has(owner))?.[0] : undefined;
      if (byName) {
        ctx.report(commandSpan(run, c), made.kind === 'user'
          ? t('The {0} image already has the user {1}, so {2} fails and stops the build. Use that user (USER {1}), or remove it first.', base.image, byName, c.name)
          : t('The {0} image already has the group {1}, so {2} fails and stops the build. Use that group, or pass -f to groupadd.', base.image, byName, c.name));
      } else if (byId) {
        ctx.report(commandSpan(run, c), made.kind === 'user'
          ? t('In the {0} image uid {1} already belongs to {2}, so {3} fails ("not unique") and stops the build. Pick another uid, or use {2}.', base.image, String(made.id), byId, c.name)
          : t('In the {0} image gid {1} already belongs to the group {2}, so {3} fails and stops the build. Pick another gid, or use the group {2}.', base.image, String(made.id), byId, c.name));
      }
    }
  }
});

/**
 * BusyBox's (Alpine's) one-letter options of adduser and addgroup, with what Debian's and Ubuntu's
 * adduser (a Perl script that takes long options only, abbreviated) needs instead. There a letter
 * is an abbreviation: -S fits --shell and --system, so adduser stops with "Option s is ambiguous";
 * -h is --help, which prints the usage and creates nothing. -u alone is a unique abbreviation of
 * --uid and works on both.
 */
const BUSYBOX_ADDUSER: Record<string, string> = { S: '--system', D: '--disabled-password', H: '--no-create-home', G: '--ingroup', g: '--gecos', s: '--shell', h: '--home', k: '' };
const BUSYBOX_ADDGROUP: Record<string, string> = { S: '--system', g: '--gid' };
/**
 * The long options of Debian's adduser and addgroup (one script). Its Getopt::Long reads a word
 * after one dash as an option's name, abbreviated and in any case: -gid is --gid, -system is
 * --system (round 35: `addgroup user -gid ${GID}` on php:8.3-apache works).
 */
const DEBIAN_ADDUSER_OPTIONS = ['add-extra-groups', 'add_extra_groups', 'allow-all-names', 'allow-bad-names', 'comment', 'conf', 'debug', 'disabled-login', 'disabled-password', 'encrypt-home', 'extrausers', 'firstgid', 'firstuid', 'force-badname', 'gecos', 'gid', 'group', 'help', 'home', 'ingroup', 'lastgid', 'lastuid', 'logmsglevel', 'no-create-home', 'quiet', 'shell', 'stderrmsglevel', 'stdoutmsglevel', 'system', 'uid', 'verbose', 'version'];

/** Whether Debian's adduser takes `-word` as one of its long options: the name itself, or an abbreviation of only one. */
function debianLongOption(word: string): boolean {
  const name = word.slice(1).toLowerCase();
  if (name.length < 2) return false;
  if (DEBIAN_ADDUSER_OPTIONS.includes(name)) return true;
  return DEBIAN_ADDUSER_OPTIONS.filter((o) => o.startsWith(name)).length === 1;
}

export const adduserBusyboxOptions = rule({
  id: 'adduser-busybox-options', reach: 'instruction', severity: 'error',
  explain: () => [
    t('adduser and addgroup are different programs on Alpine and on Debian or Ubuntu. Alpine\'s (BusyBox) take one-letter options: addgroup -S app && adduser -S -D -G app app. Debian\'s and Ubuntu\'s take long options only and read a letter as the start of one: -S could be --shell or --system, so they stop the build with "Option s is ambiguous (shell, system)"; -h prints the usage and creates nobody.'),
    t('After moving a Dockerfile from an Alpine image to a Debian or Ubuntu one (node:22-slim, eclipse-temurin, python:3.12), write the long options (adduser --system --ingroup app app, addgroup --system --gid 1001 app) or use useradd and groupadd, which take the same options everywhere.'),
  ],
}, (ctx) => {
  for (const run of runShells(ctx)) {
    if (!run.stage || ctx.a.family(run.stage) !== 'debian') continue;
    for (const c of commandsOf(run)) {
      if (c.raw.nested || (c.name !== 'adduser' && c.name !== 'addgroup')) continue;
      const table = c.name === 'adduser' ? BUSYBOX_ADDUSER : BUSYBOX_ADDGROUP;
      const option = c.args.map((w) => w.text).find((w) => /^-[A-Za-z]+$/.test(w) && !debianLongOption(w) && [...w.slice(1)].some((letter) => letter in table));
      if (!option) continue;
      const letters = [...option.slice(1)].filter((letter) => letter in table);
      const long = letters.map((letter) => table[letter]).filter((l) => l !== '').join(' ');
      ctx.report(commandSpan(run, c), long
        ? t('{0} is the option of Alpine\'s (BusyBox) {1}: on this Debian-based image {1} takes long options only and stops the build ("Option {2} is ambiguous"). Write {3}.', option, c.name, letters[0]!.toLowerCase(), long)
        : t('{0} is the option of Alpine\'s (BusyBox) {1}: on this Debian-based image {1} takes long options only and stops the build. Use useradd, whose options are the same everywhere.', option, c.name));
      break;
    }
  }
});

export const baseUserRules = [userAlreadyExists, adduserBusyboxOptions];
