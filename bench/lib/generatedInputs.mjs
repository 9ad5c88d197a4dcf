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

/**
 * Other shapes of a Dockerfile of about `lines` lines, for checking that what is measured on the
 * multi-stage file holds for files built otherwise: `one-stage` (one FROM, then ENV, RUN, COPY,
 * WORKDIR and LABEL in turn), `runs` (one FROM, then one-line RUN scripts with an if), `args`
 * (global ARGs, each defaulting to the one before). `stages` is generatedDockerfile.
 */
export function shapedDockerfile(shape, lines) {
  const fill = (head, make) => {
    const out = [...head];
    for (let k = 0; out.length < lines; k++) out.push(...make(k));
    return `${out.slice(0, lines).join('\n')}\n`;
  };
  switch (shape) {
    case 'stages': return generatedDockerfile(lines);
    case 'one-stage': return fill(['FROM debian:bookworm'], (k) => [`ENV V${k}=value${k}`, `RUN echo "$V${k}" > /tmp/f${k} && cat /tmp/f${k}`, `COPY src/f${k} /app/f${k}`, `WORKDIR /app/d${k % 10}`, `LABEL l${k}="x"`]);
    case 'runs': return fill(['FROM alpine:3.20'], (k) => [`RUN if [ -f /etc/x${k} ]; then echo ok; else apk add --no-cache curl${k}; fi`]);
    case 'args': return `${fill(['ARG BASE=debian'], (k) => [`ARG A${k}=\${A${Math.max(0, k - 1)}:-x}`])}FROM \${BASE}\n`;
    default: throw new Error(`unknown Dockerfile shape ${shape}: stages, one-stage, runs or args`);
  }
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

/**
 * Other shapes of a compose file of about `services` services' worth of lines: `anchors` (every
 * service merges an `x-` block and an environment through `<<:`), `one-service` (one service whose
 * environment holds 14 entries per service asked for). `services` is generatedCompose.
 */
export function shapedCompose(shape, services) {
  switch (shape) {
    case 'services': return generatedCompose(services);
    case 'anchors': {
      const lines = ['x-base: &base', '  restart: unless-stopped', '  environment: &env', '    TZ: UTC', '    LOG: info', '  logging:', '    driver: json-file', 'services:'];
      for (let i = 0; i < services; i++) {
        lines.push(`  svc${i}:`, '    <<: *base', `    image: app${i % 9}:1`, '    environment:', '      <<: *env', `      ID: "${i}"`, `    ports: ["${20000 + i}:80"]`,
          ...(i > 0 ? [`    depends_on: [svc${i - 1}]`] : []), '    deploy:', '      resources:', '        limits: {cpus: "0.5", memory: 256M}');
      }
      return `${lines.join('\n')}\n`;
    }
    case 'one-service': {
      const lines = ['services:', '  app:', '    image: app:1', '    environment:'];
      for (let i = 0; i < services * 14; i++) lines.push(`      VAR_${i}: "\${BASE_${i % 50}:-x}/${i}"`);
      return `${lines.join('\n')}\n`;
    }
    default: throw new Error(`unknown compose shape ${shape}: services, anchors or one-service`);
  }
}
