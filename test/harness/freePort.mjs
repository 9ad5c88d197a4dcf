// A TCP port on 127.0.0.1 that nothing listens on right now (the system picks it), for what the
// tests start themselves: sshd, a registry, code-server, a container's published port.
import * as net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
