// Fills a private engine for the explorer benchmarks, quickly: containers are created and not
// started; images are made in one `docker load` per 500 (an archive of image configurations that
// all share one tiny layer: distinct image ids and tags, no builds, no commits).
import * as crypto from 'node:crypto';
import { TEST_IMAGE } from '../../test/engine/privateEngine.mjs';

/** One ustar entry: header, data, padding to 512 bytes. */
function tarEntry(name, data) {
  const header = Buffer.alloc(512);
  const field = (offset, length, value) => header.write(value, offset, length, 'ascii');
  const octal = (value, length) => value.toString(8).padStart(length - 1, '0') + '\0';
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(data.length, 12));
  field(136, 12, octal(Math.floor(Date.now() / 1000), 12));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

const tarEnd = () => Buffer.alloc(1024);

/** A docker-archive (what `docker save` writes) of `tags.length` images sharing one layer. */
export function imageArchive(tags, seed) {
  const layer = Buffer.concat([tarEntry('bench.txt', Buffer.from(`explorer benchmark ${seed}\n`)), tarEnd()]);
  const diffId = `sha256:${crypto.createHash('sha256').update(layer).digest('hex')}`;
  const entries = [tarEntry('layer/layer.tar', layer)];
  const manifest = [];
  tags.forEach((tag, i) => {
    const config = Buffer.from(JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      config: { Cmd: ['sh'], Labels: { 'bench.image': `${seed}-${i}` } },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: '2024-01-01T00:00:00Z', created_by: `COPY bench.txt / # ${seed}-${i}` }],
    }));
    const name = `${crypto.createHash('sha256').update(config).digest('hex')}.json`;
    entries.push(tarEntry(name, config));
    manifest.push({ Config: name, RepoTags: [tag], Layers: ['layer/layer.tar'] });
  });
  entries.push(tarEntry('manifest.json', Buffer.from(JSON.stringify(manifest))), tarEnd());
  return Buffer.concat(entries);
}

async function inBatches(count, size, work) {
  for (let i = 0; i < count; i += size) await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => work(i + j)));
}

/**
 * `images` images tagged bench/img<i/10>:t<i> (ten tags per repository); `containers` containers
 * named bench-<i>, the first `inProjects` of them spread over compose projects of 20.
 */
export async function populate(docker, { containers, images, inProjects = 0 }) {
  const started = Date.now();
  for (let first = 0; first < images; first += 500) {
    const tags = Array.from({ length: Math.min(500, images - first) }, (_, i) => `bench/img${Math.floor((first + i) / 10)}:t${first + i}`);
    const stream = await docker.loadImage(imageArchive(tags, first), { quiet: true });
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())));
  }
  const imagesMs = Date.now() - started;
  await inBatches(containers, 16, (i) => docker.createContainer({
    Image: TEST_IMAGE,
    name: `bench-${i}`,
    Cmd: ['sleep', '3600'],
    StopTimeout: 0,
    Labels: i < inProjects ? { 'com.docker.compose.project': `benchproject${Math.floor(i / 20)}`, 'com.docker.compose.service': `svc${i % 20}` } : {},
  }));
  return { imagesMs, containersMs: Date.now() - started - imagesMs };
}
