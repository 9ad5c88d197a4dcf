// What a registry failure means for the user, in their language. The English message of the
// RegistryError (for the log) stays as it is; this is what the view and the notifications say.
import * as vscode from 'vscode';
import { CredentialHelperError } from '../engine/credentialHelper';
import { RegistryError } from './registryError';

export function registryErrorMessage(error: unknown, registry: string): string {
  if (error instanceof CredentialHelperError) return vscode.l10n.t('The credential helper "{0}" failed: {1}', error.helper, error.message);
  if (!(error instanceof RegistryError)) return error instanceof Error ? error.message : String(error);
  const said = error.detail ? ` (${error.detail})` : '';
  switch (error.kind) {
    case 'unreachable':
      return vscode.l10n.t('{0} cannot be reached. Check the address and that the registry is running.', registry);
    case 'timeout':
      return vscode.l10n.t('{0} did not answer in time.', registry);
    case 'tls':
      return vscode.l10n.t('The TLS connection to {0} failed: {1}. For a registry with its own certificate authority, put the CA in /etc/docker/certs.d/{2}/ca.crt.', registry, error.message, error.host);
    case 'unauthorized':
      return vscode.l10n.t('{0} needs a login: use Log In.', registry) + said;
    case 'denied':
      return vscode.l10n.t('{0} refused: your account is not allowed to do this, or the saved login is no longer valid.', registry) + said;
    case 'notFound':
      return vscode.l10n.t('{0} has no such repository or tag (it may have been deleted).', registry) + said;
    case 'unsupported':
      return vscode.l10n.t('{0} does not offer this.', registry) + said;
    case 'tooLarge':
      return vscode.l10n.t('{0} sent an answer too large to read.', registry);
    case 'badResponse':
      return vscode.l10n.t('{0} sent an answer that is not what the registry API specifies.', registry) + ` (${error.message})`;
    default:
      return vscode.l10n.t('{0} answered with an error: {1}', registry, error.message);
  }
}

/** Why a delete was refused, with what would allow it. */
export function deleteRefusedMessage(error: RegistryError, registry: string): string {
  if (error.kind === 'unsupported') {
    return vscode.l10n.t('{0} does not allow deleting images. Its administrator has to enable deletes (for Docker\'s registry: `storage.delete.enabled: true`).', registry);
  }
  if (error.kind === 'denied' || error.kind === 'unauthorized') {
    return vscode.l10n.t('{0} refused the delete: your account is not allowed to delete in this repository.', registry);
  }
  return registryErrorMessage(error, registry);
}
