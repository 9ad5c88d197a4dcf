import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../client/src/engine/dockerEngine';
import {
  belongsToWorkspace, containerContextValue, containerIcon, containerLabel, containerStateKind,
  containerTooltip, publishedPorts,
} from '../../../client/src/views/containerPresentation';
import { DEFAULT_DESCRIPTION_TEMPLATE, parseTemplate, renderDescription } from '../../../client/src/views/containerTemplate';

function container(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: 'a'.repeat(64), Names: ['/web'], Image: 'nginx:1.27', ImageID: 'sha256:1', Command: 'nginx -g "daemon off;"', Created: 1_700_000_000,
    Ports: [], Labels: {}, State: 'running', Status: 'Up 2 minutes', HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} }, Mounts: [], ...over,
  };
}

test('compose containers are labelled by service and described with their container name', () => {
  const c = container({ Names: ['/shop-web-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } });
  assert.equal(containerLabel(c), 'web');
  assert.match(renderDescription(parseTemplate(DEFAULT_DESCRIPTION_TEMPLATE), c, undefined, Date.now()), /^shop-web-1 · nginx:1\.27 · Up 2 minutes$/);
  assert.equal(containerLabel(container()), 'web');
});

test('published ports are listed once even when bound on IPv4 and IPv6, with a host IP when there is one', () => {
  const c = container({ Ports: [
    { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
    { IP: '', PrivatePort: 9000, PublicPort: 0, Type: 'tcp' },
  ] as ContainerSummary['Ports'] });
  assert.deepEqual(publishedPorts(c), ['127.0.0.1:5353→53/udp', '8080→80/tcp']);
  assert.match(containerContextValue(c), /^container:running:ports$/);
});

test('state icons tell running, unhealthy, paused, restarting and failed exits apart', () => {
  assert.equal(containerStateKind(container()), 'running');
  assert.equal(containerStateKind(container({ Status: 'Up 1 minute (unhealthy)' })), 'unhealthy');
  assert.equal(containerStateKind(container({ State: 'exited', Status: 'Exited (0) 3 seconds ago' })), 'exitedOk');
  assert.equal(containerStateKind(container({ State: 'exited', Status: 'Exited (137) 3 seconds ago' })), 'exitedError');
  assert.equal(containerIcon(container({ State: 'exited', Status: 'Exited (1) now' })).color, 'problemsErrorIcon.foreground');
  assert.equal(containerIcon(container({ State: 'paused' })).name, 'debug-pause');
  assert.equal(containerIcon(container({ State: 'restarting' })).name, 'sync~spin');
});

test('the tooltip escapes names and lists mounts and networks', () => {
  const c = container({
    Names: ['/my_app*1'],
    Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Mode: '', RW: false, Propagation: '' }],
    NetworkSettings: { Networks: { shop_default: { IPAddress: '172.18.0.2', NetworkID: 'n' } as never } },
  });
  const tip = containerTooltip(c, 1_700_000_060_000);
  assert.match(tip, /\*\*my\\_app\\\*1\*\*/);
  assert.match(tip, /Mount \(volume\): data → \/data \(read-only\)/);
  assert.match(tip, /Network: shop\\_default · 172\.18\.0\.2/);
  assert.match(tip, /Created: About a minute ago/);
});

test('a container belongs to the workspace by its compose working dir or a bind mount inside it', () => {
  const folders = ['/home/me/app'];
  assert.ok(belongsToWorkspace(container({ Labels: { 'com.docker.compose.project.working_dir': '/home/me/app' } }), folders));
  assert.ok(belongsToWorkspace(container({ Mounts: [{ Type: 'bind', Source: '/home/me/app/src', Destination: '/src', Mode: '', RW: true, Propagation: '' }] }), folders));
  assert.ok(!belongsToWorkspace(container({ Mounts: [{ Type: 'bind', Source: '/home/me/application', Destination: '/x', Mode: '', RW: true, Propagation: '' }] }), folders));
  assert.ok(!belongsToWorkspace(container(), folders));
});
