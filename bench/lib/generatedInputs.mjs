// The generated inputs of the language-server benchmarks, shared so that every script measures
// the same files: a realistic multi-stage Dockerfile of about N lines, and a compose file of N
// services in three variants (clean, ten duplicate keys, duplicates plus a YAML syntax error).

/** A multi-stage Dockerfile of about `lines` lines (17-line stages, each built on the previous one). */
export function generatedDockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG NODE_VERSION=20', 'ARG APP_HOME=/srv/app'];
  let stage = 0;
  while (out.length < lines) {
    const name = `stage${stage}`;
    out.push(`FROM node:\${NODE_VERSION}-bookworm AS ${name}`, 'ARG APP_HOME', 'ENV NODE_ENV=production \\', '    PORT=8080', 'WORKDIR ${APP_HOME}',
      'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl ca-certificates \\', '    && rm -rf /var/lib/apt/lists/*',
      'COPY package.json package-lock.json ./', 'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
      `COPY ${stage > 0 ? `--from=stage${stage - 1} ` : ''}. .`, 'RUN npm run build && chown -R node:node ${APP_HOME}', 'USER node', 'EXPOSE 8080',
      'HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:${PORT}/health || exit 1', 'CMD ["node", "server.js"]', '');
    stage++;
  }
  return out.join('\n');
}

/** `duplicates`: ten services repeat their restart key; `syntax`: one service also has an unclosed bracket. */
export function generatedCompose(services, variant = 'clean') {
  const lines = ['name: bench', 'services:'];
  const every = Math.max(1, Math.floor(services / 10));
  for (let i = 0; i < services; i++) {
    const duplicate = variant !== 'clean' && i % every === every - 1 ? ['    restart: always'] : [];
    const broken = variant === 'syntax' && i === Math.floor(services / 4) ? ['    labels: [team=a'] : [];
    lines.push(`  svc${i}:`, `    image: registry.example/team/app${i % 7}:1.${i % 10}`, '    restart: unless-stopped', ...duplicate, ...broken,
      `    ports: ["127.0.0.1:${20000 + i}:80"]`, '    environment:', `      - NAME=svc${i}`, '      - URL=${BASE_URL:-http://localhost}',
      `    volumes: ["data${i % 5}:/data"]`, '    networks: [backend]', ...(i > 0 ? ['    depends_on:', `      - svc${i - 1}`] : []),
      '    healthcheck:', '      test: ["CMD", "true"]', '      interval: 30s');
  }
  lines.push('volumes:', ...Array.from({ length: 5 }, (_, i) => `  data${i}: {}`), 'networks:', '  backend: {}', '');
  return lines.join('\n');
}
