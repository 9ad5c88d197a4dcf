// Which host port the engine says is taken. Its wording changed across versions (userland proxy,
// iptables driver, 27.x's port mapper), so each known form is tried. Pure; no vscode import.

/** The host port (and address) in the engine's "already allocated / in use" messages. */
export function portInUse(message: string): { port: string; ip?: string } | undefined {
  if (!/already allocated|address already in use/i.test(message)) return undefined;
  const patterns = [
    /Bind for \[?([0-9a-fA-F.:]*?)\]?:(\d+) failed/i, // 20.x-26.x: Bind for 0.0.0.0:8080 failed: port is already allocated
    /bind host port for \[?([0-9a-fA-F.:]*?)\]?:(\d+):/i, // 27.x+: failed to bind host port for 127.0.0.1:8080:172.17.0.2:80/tcp
    /listen \w+ \[?([0-9a-fA-F.:]*?)\]?:(\d+): bind/i, // docker-proxy: listen tcp4 0.0.0.0:8080: bind: address already in use
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) return { port: match[2]!, ip: match[1] && match[1] !== '0.0.0.0' && match[1] !== '::' ? match[1] : undefined };
  }
  return undefined;
}
