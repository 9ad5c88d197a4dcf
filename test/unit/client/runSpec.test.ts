import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCommandLine } from '../../../client/src/containers/commandLine';
import {
  formatCommandLine, hasErrors, loadEnvFiles, normalizeRunSpec, parseByteSize, parseCpus, parseEnvFile, parsePortRange, parseRestartPolicy,
  namedVolumes, quoteShellArg, toCreateOptions, toDockerRunArgs, validateRunSpec, EnvFileError, parseDetachKeys, parseLink, type RunSpec,
} from '../../../client/src/run/runSpec';

const errorsOf = (spec: RunSpec) => validateRunSpec(spec).filter((p) => p.severity === 'error');
const warningsOf = (spec: RunSpec) => validateRunSpec(spec).filter((p) => p.severity === 'warning');

/** A spec that uses every field. */
const everything: RunSpec = {
  image: 'nginx:1.27',
  name: 'web',
  remove: true,
  ports: [
    { containerPort: '80', hostPort: '8080', hostIp: '127.0.0.1' },
    { containerPort: '53', hostPort: '5353', protocol: 'udp' },
    { containerPort: '9000-9001', hostPort: '19000-19001' },
    { containerPort: '443' },
    { containerPort: '8443', hostIp: '::1' },
  ],
  publishAll: true,
  mounts: [
    { type: 'volume', source: 'web-data', target: '/data', create: true },
    { type: 'volume', target: '/cache' },
    { type: 'bind', source: '/home/me/site', target: '/usr/share/nginx/html', readOnly: true },
    { type: 'tmpfs', target: '/tmp', size: '64m' },
  ],
  env: { MODE: 'production', GREETING: 'hello world' },
  envFiles: ['/work/.env'],
  network: 'shop',
  networkAliases: ['web', 'www'],
  workdir: '/srv',
  user: '1000:1000',
  entrypoint: '/bin/sh',
  command: ['-c', 'echo "$GREETING"; sleep 1'],
  memory: '512m',
  cpus: '1.5',
  restart: 'no',
  readOnly: true,
  logDriver: 'json-file',
  logOptions: { 'max-size': '10m', 'max-file': '3' },
};

// ── the command line ──────────────────────────────────────────────────────────────────────

test('every field becomes its docker run flag, in a fixed readable order, image and command last', () => {
  assert.deepEqual(toDockerRunArgs(everything), [
    'run', '-d', '--rm', '--name', 'web',
    '-p', '127.0.0.1:8080:80', '-p', '5353:53/udp', '-p', '19000-19001:9000-9001', '-p', '443', '-p', '[::1]::8443', '-P',
    '--mount', 'type=volume,source=web-data,target=/data',
    '--mount', 'type=volume,target=/cache',
    '--mount', 'type=bind,source=/home/me/site,target=/usr/share/nginx/html,readonly',
    '--mount', 'type=tmpfs,target=/tmp,tmpfs-size=64m',
    '--env-file', '/work/.env', '-e', 'MODE=production', '-e', 'GREETING=hello world',
    '--network', 'shop', '--network-alias', 'web', '--network-alias', 'www',
    '-w', '/srv', '-u', '1000:1000', '--entrypoint', '/bin/sh',
    '-m', '512m', '--cpus', '1.5', '--restart', 'no', '--read-only',
    '--log-driver', 'json-file', '--log-opt', 'max-size=10m', '--log-opt', 'max-file=3',
    'nginx:1.27', '-c', 'echo "$GREETING"; sleep 1',
  ]);
});

test('modes as the CLI spells them: -d, nothing (foreground), -it, -i alone, -d -it; detach keys and links', () => {
  assert.deepEqual(toDockerRunArgs({ image: 'alpine', remove: true, detach: false, command: ['echo', 'hi'] }), ['run', '--rm', 'alpine', 'echo', 'hi']);
  assert.deepEqual(toDockerRunArgs({ image: 'busybox', interactive: true, tty: false }), ['run', '-i', 'busybox']);
  assert.deepEqual(toDockerRunArgs({ image: 'busybox', interactive: true, detach: true }), ['run', '-d', '-it', 'busybox']);
  assert.deepEqual(toDockerRunArgs({ image: 'python', interactive: true, detachKeys: 'ctrl-x,x' }), ['run', '-it', '--detach-keys', 'ctrl-x,x', 'python']);
  assert.deepEqual(toDockerRunArgs({ image: 'web', network: 'shop', links: ['db:database'] }), ['run', '-d', '--network', 'shop', '--link', 'db:database', 'web']);
  const foreground = toCreateOptions({ image: 'alpine', detach: false });
  assert.deepEqual([foreground.Tty, foreground.OpenStdin, foreground.AttachStdin, foreground.AttachStdout, foreground.AttachStderr, foreground.StdinOnce], [false, false, false, true, true, undefined]);
  const pipe = toCreateOptions({ image: 'busybox', interactive: true, tty: false });
  assert.deepEqual([pipe.Tty, pipe.OpenStdin, pipe.AttachStdin, pipe.StdinOnce], [false, true, true, true]);
  const linked = toCreateOptions({ image: 'web', network: 'shop', links: ['db:database'] });
  assert.deepEqual(linked.HostConfig?.Links, ['db:database']);
  assert.deepEqual(linked.NetworkingConfig?.EndpointsConfig?.shop?.Links, ['db:database'], 'on a user-defined network: an alias for this container');
  assert.equal(toCreateOptions({ image: 'web', links: ['db'] }).NetworkingConfig, undefined, 'on the default bridge: the legacy link only');

  assert.deepEqual(parseDetachKeys('ctrl-p,ctrl-q'), [16, 17]);
  assert.deepEqual(parseDetachKeys('ctrl-x,x'), [24, 120]);
  assert.deepEqual(parseDetachKeys('ctrl-@,ctrl-\\'), [0, 28]);
  for (const bad of ['', 'ctrl-', 'ctrl-1', 'alt-x', 'xy', 'ctrl-x,,x']) assert.equal(parseDetachKeys(bad), undefined, bad);
  assert.deepEqual(parseLink('db:database'), { container: 'db', alias: 'database' });
  assert.deepEqual(parseLink('db'), { container: 'db', alias: 'db' });
  assert.equal(parseLink('db:a:b'), undefined);

  const problems = (spec: RunSpec) => validateRunSpec(spec).map((p) => `${p.severity} ${p.field}: ${p.message}`);
  assert.match(problems({ image: 'x', interactive: true, detachKeys: 'alt-x' }).join('\n'), /error detachKeys: "alt-x" is not a detach key sequence/);
  assert.match(problems({ image: 'x', detachKeys: 'ctrl-x,x' }).join('\n'), /warning detachKeys: .*only from an interactive run with a terminal/);
  assert.deepEqual(problems({ image: 'x', interactive: true, detachKeys: 'ctrl-x,x' }), []);
  assert.match(problems({ image: 'x', network: 'shop', links: ['db:database'] }).join('\n'), /warning links\[0\]: --link is a legacy flag\. On the network shop it becomes a network alias: this container reaches db as "database"/);
  assert.match(problems({ image: 'x', links: ['db'] }).join('\n'), /warning links\[0\]: --link is a legacy flag: on the default bridge/);
  assert.match(problems({ image: 'x', network: 'host', links: ['db'] }).join('\n'), /error links\[0\]: --link does not work with the "host" network/);
  assert.match(problems({ image: 'x', links: ['a b'] }).join('\n'), /error links\[0\]: "a b" is not a link/);
});

test('the smallest spec is docker run -d IMAGE; interactive is -it', () => {
  assert.deepEqual(toDockerRunArgs({ image: 'busybox' }), ['run', '-d', 'busybox']);
  assert.deepEqual(toDockerRunArgs({ image: 'busybox', interactive: true, remove: true }), ['run', '-it', '--rm', 'busybox']);
  assert.deepEqual(toDockerRunArgs({ image: 'busybox', entrypoint: '' }), ['run', '-d', '--entrypoint', '', 'busybox']);
});

test('--mount fields holding a comma or a quote are CSV-quoted as the CLI reads them', () => {
  assert.deepEqual(toDockerRunArgs({ image: 'x', mounts: [{ type: 'bind', source: '/a,b "c"', target: '/d' }] }).slice(2, 4), ['--mount', 'type=bind,source="/a,b ""c""",target=/d']);
});

test('the displayed command line quotes spaces, quotes, ; and $ so a shell gives back the same words', () => {
  assert.equal(quoteShellArg('plain-word_1.2:3/4,x=y@z%+'), 'plain-word_1.2:3/4,x=y@z%+');
  assert.equal(quoteShellArg('hello world'), `'hello world'`);
  assert.equal(quoteShellArg(`it's`), `'it'\\''s'`);
  assert.equal(quoteShellArg('a;b'), `'a;b'`);
  assert.equal(quoteShellArg('$HOME'), `'$HOME'`);
  assert.equal(quoteShellArg('`id`'), "'`id`'");
  assert.equal(quoteShellArg('"x"'), `'"x"'`);
  assert.equal(quoteShellArg(''), `''`);
  assert.equal(quoteShellArg('*'), `'*'`);
  assert.equal(quoteShellArg('~'), `'~'`);
  const line = formatCommandLine(toDockerRunArgs(everything));
  assert.ok(line.startsWith('docker run -d --rm --name web -p 127.0.0.1:8080:80 '));
  assert.ok(line.includes(`-e 'GREETING=hello world'`));
  assert.ok(line.endsWith(`nginx:1.27 -c 'echo "$GREETING"; sleep 1'`));
  assert.ok(line.includes(`'[::1]::8443'`), 'brackets are glob characters, so quoted');
  for (const args of [toDockerRunArgs(everything), ['run', '-e', `A=it's $x; "y" \\ z`, 'img', '', 'a\tb']]) {
    assert.deepEqual(splitCommandLine(formatCommandLine(args)), ['docker', ...args], 'splitting the displayed line gives back the arguments');
  }
});

// ── the create options ───────────────────────────────────────────────────────────────────

test('every field becomes its create option', () => {
  const options = toCreateOptions(everything, ['FROM_FILE=1', 'MODE=dev']);
  assert.equal(options.name, 'web');
  assert.equal(options.Image, 'nginx:1.27');
  assert.deepEqual(options.Env, ['FROM_FILE=1', 'MODE=dev', 'MODE=production', 'GREETING=hello world'], 'env files first, -e after (and so winning)');
  assert.deepEqual(options.ExposedPorts, { '80/tcp': {}, '53/udp': {}, '9000/tcp': {}, '9001/tcp': {}, '443/tcp': {}, '8443/tcp': {} });
  assert.deepEqual(options.HostConfig?.PortBindings, {
    '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
    '53/udp': [{ HostIp: '', HostPort: '5353' }],
    '9000/tcp': [{ HostIp: '', HostPort: '19000' }],
    '9001/tcp': [{ HostIp: '', HostPort: '19001' }],
    '443/tcp': [{ HostIp: '', HostPort: '' }],
    '8443/tcp': [{ HostIp: '::1', HostPort: '' }],
  });
  assert.equal(options.HostConfig?.PublishAllPorts, true);
  assert.deepEqual(options.HostConfig?.Mounts, [
    { Type: 'volume', Source: 'web-data', Target: '/data' },
    { Type: 'volume', Source: '', Target: '/cache' },
    { Type: 'bind', Source: '/home/me/site', Target: '/usr/share/nginx/html', ReadOnly: true },
    { Type: 'tmpfs', Source: '', Target: '/tmp', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } },
  ]);
  assert.equal(options.HostConfig?.AutoRemove, true);
  assert.equal(options.HostConfig?.NetworkMode, 'shop');
  assert.deepEqual(options.NetworkingConfig, { EndpointsConfig: { shop: { Aliases: ['web', 'www'] } } });
  assert.equal(options.WorkingDir, '/srv');
  assert.equal(options.User, '1000:1000');
  assert.deepEqual(options.Entrypoint, ['/bin/sh']);
  assert.deepEqual(options.Cmd, ['-c', 'echo "$GREETING"; sleep 1']);
  assert.equal(options.HostConfig?.Memory, 512 * 1024 * 1024);
  assert.equal(options.HostConfig?.NanoCpus, 1_500_000_000);
  assert.deepEqual(options.HostConfig?.RestartPolicy, { Name: 'no' });
  assert.equal(options.HostConfig?.ReadonlyRootfs, true);
  assert.deepEqual(options.HostConfig?.LogConfig, { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } });
  assert.deepEqual([options.Tty, options.OpenStdin, options.AttachStdin, options.AttachStdout], [false, false, false, false], 'detached');
});

test('interactive runs get a TTY and open stdin, attached like docker run -it; --entrypoint "" clears', () => {
  const options = toCreateOptions({ image: 'busybox', interactive: true, entrypoint: '' });
  assert.deepEqual(
    [options.Tty, options.OpenStdin, options.StdinOnce, options.AttachStdin, options.AttachStdout, options.AttachStderr],
    [true, true, true, true, true, true],
  );
  assert.deepEqual(options.Entrypoint, ['']);
  assert.equal(options.Cmd, undefined, 'the image command stays');
  assert.equal(options.HostConfig?.AutoRemove, undefined);
});

test('a single container port may take a host range as a whole; restart policies carry their retry count', () => {
  const options = toCreateOptions({ image: 'x', ports: [{ containerPort: '80', hostPort: '8000-8010' }], restart: 'on-failure:5' });
  assert.deepEqual(options.HostConfig?.PortBindings, { '80/tcp': [{ HostIp: '', HostPort: '8000-8010' }] });
  assert.deepEqual(options.HostConfig?.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 5 });
  assert.deepEqual(toCreateOptions({ image: 'x', logOptions: { 'max-size': '1m' } }).HostConfig?.LogConfig, { Type: '', Config: { 'max-size': '1m' } }, 'options for the default driver');
  assert.deepEqual(toCreateOptions({ image: 'x', ports: [{ containerPort: '80' }, { containerPort: '80', hostPort: '8080' }] }).HostConfig?.PortBindings, { '80/tcp': [{ HostIp: '', HostPort: '' }, { HostIp: '', HostPort: '8080' }] }, 'one port published twice');
});

/**
 * A second, independent reading of docker run arguments (the CLI's rules, written for this test)
 * to check that the command line shown and the options sent describe the same container.
 */
function cliToCreateOptions(args: string[], envFiles: Record<string, string[]>): Record<string, any> {
  assert.equal(args[0], 'run');
  const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  const options: Record<string, any> = { HostConfig: {} };
  const host = options.HostConfig;
  const env: string[] = [];
  const fileEnv: string[] = [];
  const links: string[] = [];
  const mode = { detach: false, stdin: false, tty: false };
  let i = 1;
  const value = () => args[++i]!;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) break;
    switch (arg) {
      case '-d': mode.detach = true; break;
      case '-i': mode.stdin = true; break;
      case '-t': mode.tty = true; break;
      case '-it': mode.stdin = true; mode.tty = true; break;
      case '--detach-keys': value(); break; // read when attaching, not part of the container
      case '--link': links.push(value()); break;
      case '--rm': host.AutoRemove = true; break;
      case '--name': options.name = value(); break;
      case '-p': {
        const text = value();
        const [, ip, hostPort, container, proto] = /^(?:(\[[^\]]*\]|[^:]*):)??(?:([^:]*):)?([\d-]+)(?:\/(\w+))?$/.exec(text)!;
        const [start, end = start] = container!.split('-').map(Number);
        const [hStart] = (hostPort ?? '').split('-').map(Number);
        for (let p = start!; p <= end!; p++) {
          const key = `${p}/${proto ?? 'tcp'}`;
          (options.ExposedPorts ??= {})[key] = {};
          const hp = !hostPort ? '' : end! > start! ? String(hStart! + p - start!) : hostPort;
          ((host.PortBindings ??= {})[key] ??= []).push({ HostIp: (ip ?? '').replace(/^\[|\]$/g, ''), HostPort: hp });
        }
        break;
      }
      case '-P': host.PublishAllPorts = true; break;
      case '--mount': {
        const fields = Object.fromEntries(value().split(',').map((f) => (f.includes('=') ? f.split('=') : [f, 'true'])));
        const mount: Record<string, unknown> = { Type: fields.type, Source: fields.source ?? '', Target: fields.target };
        if (fields.readonly) mount.ReadOnly = true;
        if (fields['tmpfs-size']) mount.TmpfsOptions = { SizeBytes: Number.parseInt(fields['tmpfs-size'], 10) * units[fields['tmpfs-size'].replace(/\d/g, '')]! };
        (host.Mounts ??= []).push(mount);
        break;
      }
      case '--env-file': fileEnv.push(...envFiles[value()]!); break;
      case '-e': env.push(value()); break;
      case '--network': host.NetworkMode = value(); break;
      case '--network-alias': (((options.NetworkingConfig ??= { EndpointsConfig: {} }).EndpointsConfig[host.NetworkMode] ??= { Aliases: [] }).Aliases).push(value()); break;
      case '-w': options.WorkingDir = value(); break;
      case '-u': options.User = value(); break;
      case '--entrypoint': options.Entrypoint = [value()]; break;
      case '-m': { const m = /^(\d+)([kmg]?)$/.exec(value())!; host.Memory = Number(m[1]) * units[m[2]!]!; break; }
      case '--cpus': host.NanoCpus = Math.round(Number(value()) * 1e9); break;
      case '--restart': { const [n, c] = value().split(':'); host.RestartPolicy = c ? { Name: n, MaximumRetryCount: Number(c) } : { Name: n }; break; }
      case '--read-only': host.ReadonlyRootfs = true; break;
      case '--log-driver': (host.LogConfig ??= { Type: '', Config: {} }).Type = value(); break;
      case '--log-opt': { const [k, ...v] = value().split('='); (host.LogConfig ??= { Type: '', Config: {} }).Config[k!] = v.join('='); break; }
      default: throw new Error(`the test parser does not know ${arg}`);
    }
  }
  // The CLI: -a is not used, so stdout and stderr are attached unless -d; -i attaches stdin once.
  Object.assign(options, { Tty: mode.tty, OpenStdin: mode.stdin, AttachStdin: mode.stdin && !mode.detach, AttachStdout: !mode.detach, AttachStderr: !mode.detach });
  if (mode.stdin && !mode.detach) options.StdinOnce = true;
  if (links.length) {
    host.Links = links;
    const network = host.NetworkMode as string | undefined;
    if (network && !['bridge', 'host', 'none', 'default'].includes(network)) {
      const endpoints = (options.NetworkingConfig ??= { EndpointsConfig: {} }).EndpointsConfig;
      endpoints[network] = { ...(endpoints[network] ?? {}), Links: links };
    }
  }
  options.Image = args[i];
  const command = args.slice(i + 1);
  if (command.length) options.Cmd = command;
  if (fileEnv.length || env.length) options.Env = [...fileEnv, ...env];
  return options;
}

test('both directions agree: the command line shown, read as the CLI reads it, makes the same create options', () => {
  const files = { '/work/.env': ['A=1', 'B=two words'] };
  const specs: RunSpec[] = [
    everything,
    { image: 'busybox' },
    { image: 'busybox', interactive: true, remove: true, command: ['sh'] },
    { image: 'redis:7', name: 'cache', ports: [{ containerPort: '6379', hostIp: '127.0.0.1', hostPort: '6379' }], restart: 'unless-stopped', memory: '256m', cpus: 2 },
    { image: 'app', ports: [{ containerPort: '80', hostPort: '8000-8010' }], restart: 'on-failure:3', logOptions: { 'max-size': '1m' } },
    { image: 'app', mounts: [{ type: 'tmpfs', target: '/run', readOnly: true }], env: { EMPTY: '' }, entrypoint: '' },
    { image: 'alpine', remove: true, detach: false, command: ['echo', 'hi'] },
    { image: 'busybox', interactive: true, tty: false, command: ['cat'] },
    { image: 'python', interactive: true, detachKeys: 'ctrl-x,x', remove: true },
    { image: 'busybox', interactive: true, detach: true, name: 'bg' },
    { image: 'web', network: 'shop', networkAliases: ['front'], links: ['db:database', 'cache'] },
    { image: 'web', links: ['db:database'] },
  ];
  for (const spec of specs) {
    const fileEntries = (spec.envFiles ?? []).flatMap((f) => files[f as keyof typeof files]);
    assert.deepEqual(toCreateOptions(spec, fileEntries), cliToCreateOptions(toDockerRunArgs(spec), files), JSON.stringify(spec));
  }
});

// ── small parsers ────────────────────────────────────────────────────────────────────────

test('sizes, CPUs, port ranges and restart policies are read as the CLI reads them', () => {
  assert.equal(parseByteSize('512m'), 536870912);
  assert.equal(parseByteSize('1.5g'), 1610612736);
  assert.equal(parseByteSize('1GiB'), 1073741824);
  assert.equal(parseByteSize('64 MB'), 67108864);
  assert.equal(parseByteSize('100'), 100);
  assert.equal(parseByteSize('12x'), undefined);
  assert.equal(parseByteSize('-1m'), undefined);
  assert.equal(parseCpus('1.5'), 1_500_000_000);
  assert.equal(parseCpus(0.25), 250_000_000);
  assert.equal(parseCpus('.5'), 500_000_000);
  assert.equal(parseCpus('0.000000001'), 1);
  assert.equal(parseCpus('0.0000000001'), undefined, 'too precise');
  assert.equal(parseCpus('0'), undefined);
  assert.equal(parseCpus('abc'), undefined);
  assert.deepEqual(parsePortRange('80'), [80, 80]);
  assert.deepEqual(parsePortRange('8000-8002'), [8000, 8002]);
  assert.equal(parsePortRange('0'), undefined);
  assert.equal(parsePortRange('70000'), undefined);
  assert.equal(parsePortRange('9-1'), undefined);
  assert.deepEqual(parseRestartPolicy('always'), { Name: 'always' });
  assert.deepEqual(parseRestartPolicy('on-failure:2'), { Name: 'on-failure', MaximumRetryCount: 2 });
  assert.equal(parseRestartPolicy('always:2'), undefined);
  assert.equal(parseRestartPolicy('sometimes'), undefined);
});

test('env files: comments, blank lines, KEY alone from the environment (or dropped), values kept as written', () => {
  const lookup = (key: string) => ({ FROM_ENV: 'outside', EMPTY_ENV: '' } as Record<string, string>)[key];
  const text = '\uFEFF# a comment\n\n   INDENTED=yes\nQUOTED="keep the quotes"\nSPACES=trailing  \nFROM_ENV\nEMPTY_ENV\nNOT_SET\nEQ=a=b\n  # indented comment\nEMPTY=\r\nWIN=crlf\r\n';
  assert.deepEqual(parseEnvFile(text, lookup), [
    'INDENTED=yes', 'QUOTED="keep the quotes"', 'SPACES=trailing  ', 'FROM_ENV=outside', 'EMPTY_ENV=', 'EQ=a=b', 'EMPTY=', 'WIN=crlf',
  ]);
});

test('env files: a line without a name or with blanks in the name is an error naming the file and line', () => {
  assert.throws(() => parseEnvFile('A=1\n=nothing\n', () => undefined, '.env'), (e: unknown) => e instanceof EnvFileError && e.line === 2 && /\.env, line 2: no variable name/.test(e.message));
  assert.throws(() => parseEnvFile('MY VAR=1\n', () => undefined, 'x.env'), /x\.env, line 1: the variable name "MY VAR" contains blanks/);
  assert.throws(() => parseEnvFile('TAB\tVAR\n', () => undefined, 'x.env'), /contains blanks/);
});

test('loadEnvFiles reads each file through the injected reader, in order, and names a file it cannot read', async () => {
  const files: Record<string, string> = { 'a.env': 'A=1\nB=2\n', 'b.env': 'B=3\nHOME\n' };
  const read = async (path: string) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path]!;
  };
  assert.deepEqual(await loadEnvFiles({ image: 'x', envFiles: ['a.env', 'b.env'] }, { read, lookup: (k) => (k === 'HOME' ? '/root' : undefined) }), ['A=1', 'B=2', 'B=3', 'HOME=/root']);
  await assert.rejects(loadEnvFiles({ image: 'x', envFiles: ['missing.env'] }, { read, lookup: () => undefined }), /Cannot read the env file missing\.env: ENOENT/);
});

// ── validation ───────────────────────────────────────────────────────────────────────────

test('a complete, sensible spec has no problems', () => {
  assert.deepEqual(validateRunSpec({ ...everything, remove: false, restart: 'always' }), []);
  assert.deepEqual(validateRunSpec({ image: 'busybox' }), []);
});

test('an alias needs a user-defined network', () => {
  for (const network of [undefined, 'bridge', 'host', 'none', 'default', 'container:abc']) {
    const problems = errorsOf({ image: 'x', network, networkAliases: ['db'] });
    assert.equal(problems.length, 1, String(network));
    assert.equal(problems[0]!.field, 'networkAliases');
    assert.match(problems[0]!.message, /user-defined network/);
  }
  assert.deepEqual(errorsOf({ image: 'x', network: 'shop', networkAliases: ['db'] }), []);
});

test('--rm conflicts with a restart policy other than no', () => {
  const [problem] = errorsOf({ image: 'x', remove: true, restart: 'always' });
  assert.equal(problem!.field, 'restart');
  assert.match(problem!.message, /--rm conflicts with the restart policy "always"/);
  assert.deepEqual(errorsOf({ image: 'x', remove: true, restart: 'no' }), []);
});

test('each field says what is wrong with it', () => {
  const cases: Array<[RunSpec, string, RegExp]> = [
    [{ image: '' }, 'image', /Choose the image/],
    [{ image: 'a b' }, 'image', /contains blanks/],
    [{ image: 'x', name: 'a' }, 'name', /not a valid container name/],
    [{ image: 'x', name: '-web' }, 'name', /not a valid container name/],
    [{ image: 'x', ports: [{ containerPort: 'http' }] }, 'ports[0]', /Container port "http"/],
    [{ image: 'x', ports: [{ containerPort: '80', hostPort: '99999' }] }, 'ports[0]', /Host port "99999"/],
    [{ image: 'x', ports: [{ containerPort: '80-82', hostPort: '8080-8081' }] }, 'ports[0]', /same length/],
    [{ image: 'x', ports: [{ containerPort: '80', hostIp: 'localhost' }] }, 'ports[0]', /not an IP address/],
    [{ image: 'x', ports: [{ containerPort: '80', protocol: 'http' as never }] }, 'ports[0]', /Protocol "http"/],
    [{ image: 'x', ports: [{ containerPort: '80', hostPort: '8080' }, { containerPort: '81', hostPort: '8080' }] }, 'ports[1]', /published twice/],
    [{ image: 'x', mounts: [{ type: 'volume', source: 'v1', target: 'data' }] }, 'mounts[0]', /must be absolute/],
    [{ image: 'x', mounts: [{ type: 'volume', source: 'bad name', target: '/d' }] }, 'mounts[0]', /not a valid volume name/],
    [{ image: 'x', mounts: [{ type: 'volume', target: '/d', create: true }] }, 'mounts[0]', /Name the volume/],
    [{ image: 'x', mounts: [{ type: 'bind', source: 'relative/dir', target: '/d' }] }, 'mounts[0]', /absolute folder or file on the host/],
    [{ image: 'x', mounts: [{ type: 'tmpfs', target: '/t', size: 'big' }] }, 'mounts[0]', /tmpfs size "big"/],
    [{ image: 'x', mounts: [{ type: 'volume', source: 'a1', target: '/d' }, { type: 'tmpfs', target: '/d/' }] }, 'mounts[1]', /same container path/],
    [{ image: 'x', mounts: [{ type: 'nfs' as never, target: '/d' }] }, 'mounts[0]', /not volume, bind or tmpfs/],
    [{ image: 'x', env: { 'A=B': '1' } }, 'env[A=B]', /not a variable name/],
    [{ image: 'x', envFiles: [' '] }, 'envFiles[0]', /env file path is empty/],
    [{ image: 'x', network: 'shop', networkAliases: ['a b'] }, 'networkAliases', /contains blanks/],
    [{ image: 'x', workdir: 'srv' }, 'workdir', /absolute path/],
    [{ image: 'x', memory: 'lots' }, 'memory', /not a size/],
    [{ image: 'x', memory: '1m' }, 'memory', /at least 6m/],
    [{ image: 'x', cpus: '-1' }, 'cpus', /positive number/],
    [{ image: 'x', restart: 'sometimes' }, 'restart', /not no, always/],
    [{ image: 'x', restart: 'always:3' }, 'restart', /not no, always/],
    [{ image: 'x', logOptions: { '': 'v' } }, 'logOptions[]', /not a log option name/],
    [{ image: 'x', logDriver: 'none', logOptions: { 'max-size': '1m' } }, 'logOptions', /takes no options/],
  ];
  for (const [spec, field, message] of cases) {
    const problems = errorsOf(spec);
    assert.ok(problems.some((p) => p.field === field && message.test(p.message)), `${JSON.stringify(spec)} → ${JSON.stringify(problems)}`);
  }
});

test('warnings do not block: ports on the host network, a restarting interactive container', () => {
  const hostNet = validateRunSpec({ image: 'x', network: 'host', ports: [{ containerPort: '80' }] });
  assert.equal(hasErrors(hostNet), false);
  assert.match(hostNet[0]!.message, /ignored on the "host" network/);
  assert.match(warningsOf({ image: 'x', interactive: true, restart: 'always' })[0]!.message, /without a terminal attached/);
});

test('wrong types from hand-written JSON are reported, not thrown; numeric ports are accepted', () => {
  const problems = validateRunSpec({ image: 'x', ports: 'not a list', remove: 'yes', env: { A: 1 } } as never);
  assert.deepEqual(problems.map((p) => p.field).sort(), ['env', 'ports', 'remove']);
  assert.match(validateRunSpec(null as never)[0]!.message, /must be an object/);
  const spec = normalizeRunSpec({ image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81 }] });
  assert.deepEqual(spec.ports, [{ containerPort: '80', hostPort: '8080' }, { containerPort: '81' }]);
  assert.deepEqual(validateRunSpec(spec), []);
});

test('messages go through the translator it is given', () => {
  const upper = { t: (message: string, ...args: Array<string | number | boolean>) => `T:${message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]))}` };
  assert.match(validateRunSpec({ image: 'x', name: 'a' }, upper)[0]!.message, /^T:"a" is not a valid container name/);
});

test('namedVolumes lists the named volumes a spec mounts (the ones to check or create before running)', () => {
  assert.deepEqual(namedVolumes(everything).map((m) => [m.source, Boolean(m.create)]), [['web-data', true]]);
});
