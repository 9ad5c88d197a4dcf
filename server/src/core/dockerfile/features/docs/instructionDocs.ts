// What each instruction does, in our own words, for hovers, completion and signature help. Each
// paragraph is its own t() string so translations stay whole sentences.
import { t } from '../../../l10n';

export interface InstructionDoc {
  keyword: string;
  /** Signature shown by signature help; parameters are substrings of it. */
  signature: string;
  params: { label: string; doc: () => string }[];
  summary: () => string[];
  example: string;
  /** Snippet inserted by completion (after the keyword). */
  snippet: string;
}

export const INSTRUCTION_DOCS: InstructionDoc[] = [
  {
    keyword: 'FROM', signature: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', snippet: 'FROM ${1:image}:${2:tag}${3: AS ${4:name}}',
    params: [
      { label: '[--platform=<platform>]', doc: () => t('Platform of the base image, usually a build argument such as $BUILDPLATFORM.') },
      { label: '<image>[:<tag>|@<digest>]', doc: () => t('The base image; pin a tag or a digest so builds repeat.') },
      { label: '[AS <name>]', doc: () => t('Names the stage so COPY --from, RUN --mount from= and --target can refer to it.') },
    ],
    summary: () => [
      t('Starts a new build stage from a base image. Everything after it, up to the next FROM, builds on top of that image.'),
      t('A Dockerfile can have several stages: build tools in one, only the results copied into a small final one. FROM scratch starts from an empty image.'),
    ],
    example: 'FROM node:22-alpine AS build',
  },
  {
    keyword: 'RUN', signature: 'RUN [--mount=<options>] [--network=<mode>] [--security=<mode>] <command>', snippet: 'RUN ${1:command}',
    params: [
      { label: '[--mount=<options>]', doc: () => t('Mounts a cache, a secret, an SSH agent or files from a stage or the context, only while this command runs.') },
      { label: '[--network=<mode>]', doc: () => t('default, none (no network) or host.') },
      { label: '[--security=<mode>]', doc: () => t('sandbox (default) or insecure (needs the security.insecure entitlement).') },
      { label: '<command>', doc: () => t('A shell command (shell form) or a JSON array (exec form).') },
    ],
    summary: () => [
      t('Runs a command while the image is being built and saves the file-system changes as a new layer. It never runs when a container starts; that is what CMD and ENTRYPOINT are for.'),
      t('Each RUN is cached: it runs again only when it or something before it changed. Put steps that change rarely (installing dependencies) before steps that change often (copying source).'),
    ],
    example: 'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
  },
  {
    keyword: 'CMD', signature: 'CMD ["executable", "param", ...]', snippet: 'CMD ["${1:executable}"${2:, "${3:param}"}]',
    params: [{ label: '["executable", "param", ...]', doc: () => t('The default command, preferably as a JSON array (exec form).') }],
    summary: () => [
      t('Sets the default command a container runs when it starts. It does nothing during the build.'),
      t('Only the last CMD of the final stage counts, and docker run arguments replace it. With an ENTRYPOINT, CMD supplies its default arguments instead.'),
    ],
    example: 'CMD ["node", "server.js"]',
  },
  {
    keyword: 'ENTRYPOINT', signature: 'ENTRYPOINT ["executable", "param", ...]', snippet: 'ENTRYPOINT ["${1:executable}"${2:, "${3:param}"}]',
    params: [{ label: '["executable", "param", ...]', doc: () => t('The program the container always runs, preferably as a JSON array.') }],
    summary: () => [
      t('Sets the program a container always runs. Arguments given to docker run, or the CMD, are appended to it.'),
      t('So ENTRYPOINT ["python", "app.py"] with CMD ["--port", "80"] runs python app.py --port 80, and docker run image --port 90 changes only the arguments. In shell form the arguments are ignored.'),
    ],
    example: 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
  },
  {
    keyword: 'COPY', signature: 'COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<pattern>] <src>... <dest>', snippet: 'COPY ${1:src} ${2:dest}',
    params: [
      { label: '[--from=<stage>]', doc: () => t('Copy from an earlier stage or an image instead of the build context.') },
      { label: '[--chown=<user>:<group>]', doc: () => t('Owner of the copied files (default root).') },
      { label: '[--chmod=<perms>]', doc: () => t('Permissions of the copied files, for example 755.') },
      { label: '[--link]', doc: () => t('Copy into an independent layer that survives changes to earlier layers.') },
      { label: '[--parents]', doc: () => t('Keep the parent directories of the sources.') },
      { label: '[--exclude=<pattern>]', doc: () => t('Leave out files matching the pattern.') },
      { label: '<src>...', doc: () => t('Files or folders from the build context (or the --from stage).') },
      { label: '<dest>', doc: () => t('Where they go in the image; relative to WORKDIR. End it with / for several sources.') },
    ],
    summary: () => [
      t('Copies files from the build context (the folder sent to the builder) or from another stage into the image, as a new layer.'),
      t('The layer is reused from the cache only while the copied files are unchanged, so copy dependency manifests first and the rest of the source later.'),
    ],
    example: 'COPY --from=build /app/dist /usr/share/nginx/html',
  },
  {
    keyword: 'ADD', signature: 'ADD [--chown=<user>:<group>] [--chmod=<perms>] [--checksum=<digest>] [--keep-git-dir] [--link] <src>... <dest>', snippet: 'ADD ${1:src} ${2:dest}',
    params: [
      { label: '[--chown=<user>:<group>]', doc: () => t('Owner of the added files.') },
      { label: '[--chmod=<perms>]', doc: () => t('Permissions of the added files.') },
      { label: '[--checksum=<digest>]', doc: () => t('Expected checksum of a downloaded file (sha256:...).') },
      { label: '[--keep-git-dir]', doc: () => t('Keep the .git folder when adding a Git repository.') },
      { label: '[--link]', doc: () => t('Add into an independent layer.') },
      { label: '<src>...', doc: () => t('Local paths, URLs or Git repositories.') },
      { label: '<dest>', doc: () => t('Destination in the image.') },
    ],
    summary: () => [
      t('Like COPY, but it can also download URLs, clone Git repositories and unpacks local tar archives automatically.'),
      t('Because of those extra behaviours, prefer COPY for plain files and use ADD when you want one of them.'),
    ],
    example: 'ADD --checksum=sha256:... https://example.com/tool.tar.gz /opt/',
  },
  {
    keyword: 'ARG', signature: 'ARG <name>[=<default>] ...', snippet: 'ARG ${1:NAME}${2:=${3:default}}',
    params: [{ label: '<name>[=<default>] ...', doc: () => t('A build argument, settable with docker build --build-arg NAME=value.') }],
    summary: () => [
      t('Declares a build argument: a variable that exists only while the image is built. Set it with docker build --build-arg; the default applies otherwise.'),
      t('An ARG before the first FROM can be used in FROM lines; to use it inside a stage, declare it again there with ARG NAME. ARG values do not exist in running containers (use ENV for that), and they are visible in the image history, so never pass secrets this way.'),
    ],
    example: 'ARG NODE_VERSION=22',
  },
  {
    keyword: 'ENV', signature: 'ENV <key>=<value> ...', snippet: 'ENV ${1:KEY}=${2:value}',
    params: [{ label: '<key>=<value> ...', doc: () => t('Environment variables, kept in the image.') }],
    summary: () => [
      t('Sets environment variables for the rest of the build and for every container started from the image.'),
      t('Unlike ARG, ENV values are stored in the image and inherited by stages built FROM this one. docker run -e can override them.'),
    ],
    example: 'ENV NODE_ENV=production PORT=3000',
  },
  {
    keyword: 'WORKDIR', signature: 'WORKDIR <path>', snippet: 'WORKDIR ${1:/app}',
    params: [{ label: '<path>', doc: () => t('An absolute path; created if missing.') }],
    summary: () => [t('Sets the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD instructions, and for the container. It creates the folder if needed. Prefer it to RUN cd, which lasts only for one RUN.')],
    example: 'WORKDIR /app',
  },
  {
    keyword: 'EXPOSE', signature: 'EXPOSE <port>[/<protocol>] ...', snippet: 'EXPOSE ${1:80}',
    params: [{ label: '<port>[/<protocol>] ...', doc: () => t('Ports the service listens on, tcp by default.') }],
    summary: () => [
      t('Documents which ports the application inside listens on. It does not publish anything: ports reach the host only with docker run -p (or -P, which publishes every exposed port).'),
    ],
    example: 'EXPOSE 8080/tcp',
  },
  {
    keyword: 'VOLUME', signature: 'VOLUME ["<path>", ...]', snippet: 'VOLUME ["${1:/data}"]',
    params: [{ label: '["<path>", ...]', doc: () => t('Paths that become volumes.') }],
    summary: () => [
      t('Marks paths whose data should live outside the container. Each docker run then creates a new anonymous volume there unless you mount one yourself, and changes RUN makes to that path after VOLUME are thrown away.'),
    ],
    example: 'VOLUME ["/var/lib/postgresql"]',
  },
  {
    keyword: 'USER', signature: 'USER <user>[:<group>]', snippet: 'USER ${1:1000}',
    params: [{ label: '<user>[:<group>]', doc: () => t('A name or numeric uid that exists in the image.') }],
    summary: () => [t('Sets the user (and group) for the following RUN instructions and for the container. Switching to an unprivileged user at the end limits what a compromised process can do.')],
    example: 'USER 1000:1000',
  },
  {
    keyword: 'LABEL', signature: 'LABEL <key>=<value> ...', snippet: 'LABEL ${1:org.opencontainers.image.source}=${2:value}',
    params: [{ label: '<key>=<value> ...', doc: () => t('Metadata stored in the image configuration.') }],
    summary: () => [t('Adds metadata to the image, such as its source repository, version or authors. Labels do not change the file system; the org.opencontainers.image.* keys are widely understood.')],
    example: 'LABEL org.opencontainers.image.source="https://github.com/me/app"',
  },
  {
    keyword: 'HEALTHCHECK', signature: 'HEALTHCHECK [--interval=<duration>] [--timeout=<duration>] [--start-period=<duration>] [--start-interval=<duration>] [--retries=<n>] CMD <command> | NONE', snippet: 'HEALTHCHECK --interval=${1:30s} --timeout=${2:3s} CMD ${3:curl -f http://localhost/ || exit 1}',
    params: [
      { label: '[--interval=<duration>]', doc: () => t('Time between checks (default 30s).') },
      { label: '[--timeout=<duration>]', doc: () => t('How long one check may take (default 30s).') },
      { label: '[--start-period=<duration>]', doc: () => t('Grace period after start during which failures do not count.') },
      { label: '[--start-interval=<duration>]', doc: () => t('Time between checks during the start period.') },
      { label: '[--retries=<n>]', doc: () => t('Consecutive failures before the container is unhealthy (default 3).') },
      { label: 'CMD <command> | NONE', doc: () => t('The check to run (exit code 0 means healthy), or NONE to disable an inherited check.') },
    ],
    summary: () => [t('Tells Docker how to test that the container still works. The command runs inside the container at an interval; after enough failures the container is marked unhealthy, which orchestrators can act on.')],
    example: 'HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:8080/health || exit 1',
  },
  {
    keyword: 'SHELL', signature: 'SHELL ["executable", "parameters"]', snippet: 'SHELL ["${1:/bin/bash}", "${2:-o}", "${3:pipefail}", "${4:-c}"]',
    params: [{ label: '["executable", "parameters"]', doc: () => t('The shell and its options, as a JSON array.') }],
    summary: () => [t('Replaces the shell used by the shell form of RUN, CMD and ENTRYPOINT (default ["/bin/sh", "-c"] on Linux, ["cmd", "/S", "/C"] on Windows). Useful for bash options such as pipefail, or PowerShell on Windows.')],
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  },
  {
    keyword: 'STOPSIGNAL', signature: 'STOPSIGNAL <signal>', snippet: 'STOPSIGNAL ${1:SIGTERM}',
    params: [{ label: '<signal>', doc: () => t('A signal name such as SIGQUIT, or a number.') }],
    summary: () => [t('Sets the signal docker stop sends to ask the main process to exit (SIGTERM by default). After the stop timeout, the process is killed.')],
    example: 'STOPSIGNAL SIGQUIT',
  },
  {
    keyword: 'ONBUILD', signature: 'ONBUILD <instruction>', snippet: 'ONBUILD ${1:RUN command}',
    params: [{ label: '<instruction>', doc: () => t('Any instruction except FROM, MAINTAINER and ONBUILD.') }],
    summary: () => [t('Stores an instruction that runs later, when another Dockerfile uses this image in its FROM. It does nothing in the current build.')],
    example: 'ONBUILD COPY . /app/src',
  },
  {
    keyword: 'MAINTAINER', signature: 'MAINTAINER <name>', snippet: 'MAINTAINER ${1:name}',
    params: [{ label: '<name>', doc: () => t('The author.') }],
    summary: () => [t('Deprecated way to record the author. Use LABEL org.opencontainers.image.authors instead.')],
    example: 'LABEL org.opencontainers.image.authors="me@example.com"',
  },
];

const byKeyword = new Map(INSTRUCTION_DOCS.map((d) => [d.keyword, d]));

export function instructionDoc(keyword: string): InstructionDoc | undefined {
  return byKeyword.get(keyword.toUpperCase());
}
