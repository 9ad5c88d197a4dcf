// One download from a container's archive into a folder, in a process of its own so its peak RSS
// belongs to that download alone. `streaming` is the extension's extractTar (safeExtract.ts);
// `buffered` is what the download did before issue 14: collect each file's data, then write it
// whole. Prints one JSON line: { variant, bytes, seconds, maxRssMiB }.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import Dockerode from 'dockerode';
import { extractTar } from '../../client/src/containers/safeExtract';
import { safeRelativePath, TarReader } from '../../client/src/containers/tar';

const [variant, socketPath, containerId, from, target] = process.argv.slice(2) as [string, string, string, string, string];

async function buffered(stream: NodeJS.ReadableStream, root: string): Promise<void> {
  let current: { relative: string; chunks: Buffer[] } | undefined;
  const done: Array<{ relative: string; chunks: Buffer[] }> = [];
  const reader = new TarReader({
    entry: (header) => {
      const relative = safeRelativePath(header.name);
      current = header.type === 'file' && relative ? { relative, chunks: [] } : undefined;
    },
    data: (chunk) => current?.chunks.push(Buffer.from(chunk)),
    entryEnd: () => {
      if (current) done.push(current);
      current = undefined;
    },
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    reader.push(chunk);
    while (done.length) {
      const file = done.shift()!;
      await fs.mkdir(path.dirname(path.join(root, file.relative)), { recursive: true });
      await fs.writeFile(path.join(root, file.relative), Buffer.concat(file.chunks));
    }
  }
}

async function main(): Promise<void> {
  const docker = new Dockerode({ socketPath });
  const started = process.hrtime.bigint();
  const stream = await docker.getContainer(containerId).getArchive({ path: from });
  if (variant === 'streaming') await extractTar(stream as AsyncIterable<Buffer>, target, { existing: 'replace' });
  else await buffered(stream, target);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let bytes = 0;
  for (const name of await fs.readdir(target)) bytes += (await fs.stat(path.join(target, name))).size;
  console.log(JSON.stringify({ variant, bytes, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

void main();
