// The build arguments BuildKit defines without an ARG, in syntax/ so that readers outside the
// Dockerfile service (compose's build-args check) need neither the analysis nor the rules.
/** Build arguments BuildKit defines without an ARG (proxies, platforms, BuildKit settings). */
export const PREDEFINED_ARGS = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy',
  'ALL_PROXY', 'all_proxy', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM',
  'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETSTAGE', 'SOURCE_DATE_EPOCH', 'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SYNTAX', 'BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_CACHE_MOUNT_NS', 'BUILDKIT_DOCKERFILE_CHECK',
]);
