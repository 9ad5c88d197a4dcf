// Every diagnostic code the language server can report, in one closed table: the id (what the
// settings, suppression comments, quick fixes and tests key on), the language it belongs to, the
// default severity, and where a peer tool documents the same check. Rules and compose checks are
// typed against it, so a code that is not here does not compile, and a rule whose default differs
// from its row does not compile either. The title shown in the settings is `rule.<id>` in
// package.nls.json; test/unit/server/diagnosticCodes.test.ts checks the manifest, both READMEs and
// the translations against this table.
export type CodeSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface CodeInfo {
  language: 'dockerfile' | 'compose';
  /** 'off' runs only when the dockerWorkbench.rules setting turns it on. */
  severity: CodeSeverity;
  /** A peer's page for the same check (BuildKit build checks, hadolint), shown as the code's link. */
  docs?: string;
}

export const DIAGNOSTIC_CODES = {
  // Dockerfile rules (server/src/core/dockerfile/validation/rules), in the order they run.
  'unknown-instruction': { language: 'dockerfile', severity: 'error', docs: 'https://github.com/hadolint/hadolint/wiki/DL1000' },
  'instruction-casing': { language: 'dockerfile', severity: 'information', docs: 'https://docs.docker.com/reference/build-checks/consistent-instruction-casing/' },
  'directive-casing': { language: 'dockerfile', severity: 'hint' },
  'invalid-escape-directive': { language: 'dockerfile', severity: 'error' },
  'duplicate-directive': { language: 'dockerfile', severity: 'error' },
  'misplaced-directive': { language: 'dockerfile', severity: 'warning' },
  'empty-continuation': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/no-empty-continuation/' },
  'first-instruction': { language: 'dockerfile', severity: 'error', docs: 'https://github.com/hadolint/hadolint/wiki/DL3061' },
  'unterminated-quote': { language: 'dockerfile', severity: 'error' },
  'unsupported-modifier': { language: 'dockerfile', severity: 'error' },
  'json-single-quotes': { language: 'dockerfile', severity: 'error' },
  'invalid-json-form': { language: 'dockerfile', severity: 'error' },
  'non-breaking-space': { language: 'dockerfile', severity: 'warning' },
  'maintainer-deprecated': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/maintainer-deprecated/' },
  'argument-count': { language: 'dockerfile', severity: 'error' },
  'invalid-key-value': { language: 'dockerfile', severity: 'error' },
  'legacy-key-value': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/legacy-key-value-format/' },
  'shell-json-form': { language: 'dockerfile', severity: 'error' },
  'invalid-healthcheck': { language: 'dockerfile', severity: 'error' },
  'onbuild-trigger': { language: 'dockerfile', severity: 'error', docs: 'https://github.com/hadolint/hadolint/wiki/DL3043' },
  'invalid-stopsignal': { language: 'dockerfile', severity: 'error' },
  'unknown-flag': { language: 'dockerfile', severity: 'error' },
  'duplicate-flag': { language: 'dockerfile', severity: 'error' },
  'flag-missing-value': { language: 'dockerfile', severity: 'error' },
  'invalid-flag-value': { language: 'dockerfile', severity: 'error' },
  'invalid-as': { language: 'dockerfile', severity: 'error' },
  'from-as-casing': { language: 'dockerfile', severity: 'hint', docs: 'https://docs.docker.com/reference/build-checks/from-as-casing/' },
  'invalid-stage-name': { language: 'dockerfile', severity: 'error' },
  'stage-name-casing': { language: 'dockerfile', severity: 'hint', docs: 'https://docs.docker.com/reference/build-checks/stage-name-casing/' },
  'duplicate-stage-name': { language: 'dockerfile', severity: 'error', docs: 'https://docs.docker.com/reference/build-checks/duplicate-stage-name/' },
  'reserved-stage-name': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/reserved-stage-name/' },
  'unknown-stage': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3022' },
  'copy-from-self': { language: 'dockerfile', severity: 'error', docs: 'https://github.com/hadolint/hadolint/wiki/DL3023' },
  'unused-stage': { language: 'dockerfile', severity: 'hint' },
  'untagged-image': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3006' },
  'latest-tag': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3007' },
  'invalid-image-reference': { language: 'dockerfile', severity: 'error' },
  'platform-constant': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/' },
  'redundant-target-platform': { language: 'dockerfile', severity: 'information', docs: 'https://docs.docker.com/reference/build-checks/redundant-target-platform/' },
  'undefined-arg-in-from': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/undefined-arg-in-from/' },
  'invalid-default-arg-in-from': { language: 'dockerfile', severity: 'information', docs: 'https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/' },
  'undefined-variable': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/undefined-var/' },
  'env-self-reference': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3044' },
  'secret-in-arg-env': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/' },
  'multiple-instructions': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/' },
  'json-args-recommended': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/jsonargs-recommended/' },
  'background-service-cmd': { language: 'dockerfile', severity: 'warning' },
  'root-user': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3002' },
  'user-not-numeric': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3066' },
  'user-not-created': { language: 'dockerfile', severity: 'warning' },
  'missing-healthcheck': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3057' },
  'expose-invalid-format': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/expose-invalid-format/' },
  'expose-invalid-port': { language: 'dockerfile', severity: 'error', docs: 'https://github.com/hadolint/hadolint/wiki/DL3011' },
  'expose-invalid-protocol': { language: 'dockerfile', severity: 'error' },
  'expose-protocol-casing': { language: 'dockerfile', severity: 'hint', docs: 'https://docs.docker.com/reference/build-checks/expose-proto-casing/' },
  'workdir-relative': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/workdir-relative-path/' },
  'copy-multi-source-dest': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3021' },
  'copy-relative-dest': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3045' },
  'add-instead-of-copy': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3020' },
  'copy-then-extract': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3010' },
  'copy-whole-filesystem': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3067' },
  'invalid-label-key': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3048' },
  'shell-syntax': { language: 'dockerfile', severity: 'error' },
  'bashism': { language: 'dockerfile', severity: 'warning' },
  'heredoc-unterminated': { language: 'dockerfile', severity: 'error' },
  'heredoc-crlf': { language: 'dockerfile', severity: 'warning' },
  'run-cd': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3003' },
  'cd-without-effect': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3003' },
  'sudo': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3004' },
  'pointless-command': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3001' },
  'relink-sh': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL4005' },
  'pipefail': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL4006' },
  'consecutive-run': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3059' },
  'useradd-no-log-init': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3046' },
  'wget-progress': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3047' },
  'wget-and-curl': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL4001' },
  'missing-command-separator': { language: 'dockerfile', severity: 'warning' },
  'apt-get-yes': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3014' },
  'apt-no-install-recommends': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3015' },
  'apt-pin': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3008' },
  'apk-no-cache': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3019' },
  'apk-pin': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3018' },
  'yum-yes': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3030' },
  'yum-clean': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3032' },
  'yum-pin': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3033' },
  'dnf-yes': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3038' },
  'dnf-clean': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3040' },
  'dnf-pin': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3041' },
  'zypper-yes': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3034' },
  'zypper-clean': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3036' },
  'zypper-pin': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL3037' },
  'pip-pin': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3013' },
  'pip-no-cache-dir': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3042' },
  'npm-pin': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3016' },
  'gem-pin': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3028' },
  'go-install-pin': { language: 'dockerfile', severity: 'hint', docs: 'https://github.com/hadolint/hadolint/wiki/DL3062' },
  'apt-lists-cleanup': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3009' },
  'apt-instead-of-apt-get': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3027' },
  'zypper-dist-upgrade': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3035' },
  'yarn-cache-clean': { language: 'dockerfile', severity: 'information', docs: 'https://github.com/hadolint/hadolint/wiki/DL3060' },
  'package-manager-mismatch': { language: 'dockerfile', severity: 'warning' },
  'copy-all-before-install': { language: 'dockerfile', severity: 'warning' },
  'apt-get-update-alone': { language: 'dockerfile', severity: 'warning' },
  'cleanup-in-later-layer': { language: 'dockerfile', severity: 'warning' },
  'dockerignore-missing': { language: 'dockerfile', severity: 'warning' },
  'dockerignore-incomplete': { language: 'dockerfile', severity: 'warning' },
  'copy-ignored-file': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/copy-ignored-file/' },
  'no-inline-ignore': { language: 'dockerfile', severity: 'off', docs: 'https://github.com/hadolint/hadolint/wiki/DL1001' },
  'definition-description': { language: 'dockerfile', severity: 'off', docs: 'https://docs.docker.com/reference/build-checks/invalid-definition-description/' },
  'trusted-registry': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3026' },
  'label-schema': { language: 'dockerfile', severity: 'warning', docs: 'https://github.com/hadolint/hadolint/wiki/DL3049' },
  'invalid-base-image-platform': { language: 'dockerfile', severity: 'warning', docs: 'https://docs.docker.com/reference/build-checks/invalid-base-image-platform/' },
  // Compose checks (server/src/core/compose/checks).
  'compose-yaml-syntax': { language: 'compose', severity: 'error' },
  'compose-yaml-warning': { language: 'compose', severity: 'warning' },
  'compose-duplicate-key': { language: 'compose', severity: 'error' },
  'compose-file-skipped': { language: 'compose', severity: 'information' },
  'compose-interpolation': { language: 'compose', severity: 'error' },
  'compose-unknown-key': { language: 'compose', severity: 'error' },
  'compose-invalid-type': { language: 'compose', severity: 'error' },
  'compose-invalid-value': { language: 'compose', severity: 'error' },
  'compose-missing-key': { language: 'compose', severity: 'error' },
  'compose-duplicate-item': { language: 'compose', severity: 'error' },
  'compose-deprecated-key': { language: 'compose', severity: 'warning' },
  'compose-obsolete-version': { language: 'compose', severity: 'warning' },
  'compose-undefined-service': { language: 'compose', severity: 'error' },
  'compose-undefined-volume': { language: 'compose', severity: 'error' },
  'compose-undefined-network': { language: 'compose', severity: 'error' },
  'compose-undefined-secret': { language: 'compose', severity: 'error' },
  'compose-undefined-config': { language: 'compose', severity: 'error' },
  'compose-undefined-model': { language: 'compose', severity: 'error' },
  'compose-invalid-port': { language: 'compose', severity: 'error' },
  'compose-duplicate-host-port': { language: 'compose', severity: 'error' },
  'compose-port-quoting': { language: 'compose', severity: 'information' },
  'compose-invalid-duration': { language: 'compose', severity: 'error' },
  'compose-invalid-byte-size': { language: 'compose', severity: 'error' },
  'compose-invalid-restart': { language: 'compose', severity: 'error' },
  'compose-invalid-volume': { language: 'compose', severity: 'error' },
  'compose-duplicate-container-name': { language: 'compose', severity: 'error' },
  'compose-dependency-cycle': { language: 'compose', severity: 'error' },
  'compose-missing-file': { language: 'compose', severity: 'warning' },
  'compose-unknown-build-target': { language: 'compose', severity: 'error' },
  'compose-missing-image': { language: 'compose', severity: 'error' },
  'compose-extends-cycle': { language: 'compose', severity: 'error' },
  'compose-name-like-option': { language: 'compose', severity: 'error' },
  'compose-swarm-ignored': { language: 'compose', severity: 'information' },
  'compose-swarm-unsupported': { language: 'compose', severity: 'information' },
  'compose-swarm-no-image': { language: 'compose', severity: 'information' },
  'compose-swarm-only': { language: 'compose', severity: 'hint' },
} as const satisfies Record<string, CodeInfo>;

type Table = typeof DIAGNOSTIC_CODES;
export type DiagnosticCode = keyof Table;
export type DockerfileCode = { [K in DiagnosticCode]: Table[K]['language'] extends 'dockerfile' ? K : never }[DiagnosticCode];
export type ComposeCode = { [K in DiagnosticCode]: Table[K]['language'] extends 'compose' ? K : never }[DiagnosticCode];
/** The default severity of a code, as a type: a rule's declared default must be this one. */
export type DefaultSeverity<K extends DiagnosticCode> = Table[K]['severity'];

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return DIAGNOSTIC_CODES[code];
}

export function isDiagnosticCode(text: string): text is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, text);
}
