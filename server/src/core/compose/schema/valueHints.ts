// Knowledge the schema does not spell out as enums: values some keys take (for completion and
// messages), and readable wording for the schema's patterns.
import { t } from '../../l10n';

/** Values offered for a key, by key name; the schema only gives `restart` and others as free strings. */
export const KNOWN_VALUES: Record<string, string[]> = {
  restart: ['"no"', 'always', 'on-failure', 'unless-stopped'],
  pull_policy: ['always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly', 'refresh'],
  network_mode: ['bridge', 'host', 'none', 'service:', 'container:'],
  ipc: ['host', 'private', 'shareable', 'service:', 'container:'],
  pid: ['host', 'service:', 'container:'],
  mode: ['replicated', 'global', 'replicated-job', 'global-job', 'host', 'ingress'],
  endpoint_mode: ['vip', 'dnsrr'],
  failure_action: ['continue', 'pause', 'rollback'],
  protocol: ['tcp', 'udp', 'sctp'],
  propagation: ['shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate'],
  isolation: ['default', 'process', 'hyperv'],
  stop_signal: ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'],
};

/** Condition values of the long `restart_policy` (deploy) differ from `depends_on` conditions. */
export const RESTART_POLICY_CONDITIONS = ['none', 'on-failure', 'any'];

export function patternHint(key: string, value: string): string | undefined {
  switch (key) {
    case 'pull_policy':
      return t('"{0}" is not a pull policy. Use always, never, missing, build, if_not_present, refresh, daily, weekly or every_<duration> (e.g. every_12h).', value);
    case 'container_name':
      return t('"{0}" is not a valid container name: start with a letter or digit, then use letters, digits, "_", "." or "-".', value);
    default:
      return undefined;
  }
}
