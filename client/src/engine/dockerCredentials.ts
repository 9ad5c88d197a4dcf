// Registry credentials, found and kept exactly where the docker CLI finds and keeps them, so a
// `docker login` in a terminal and a Log In here are the same thing:
//   - a registry's own helper from `credHelpers`, else the `credsStore` helper for everything,
//     else the config file's `auths` (base64 `user:password`, or an identity token);
//   - Docker Hub under `https://index.docker.io/v1/`, other registries under `host[:port]`
//     (older `https://host/...` keys are still found, as the CLI finds them).
// Secrets never go into messages or logs; errors name the registry and the store only.
import type Dockerode from 'dockerode';
import { dockerConfigFile, readDockerConfig, writeDockerConfig, decodeAuthEntry, encodeAuth, type ConfigRead, type DockerConfigFile } from './dockerConfigFile';
import { CredentialHelperError, isCredentialsNotFound, runCredentialHelper, type HelperRunner } from './credentialHelper';
import { convertToHostname, parseRegistryAddress, registryOfReference, type RegistryAddress } from './registryAddress';

export interface RegistryCredential {
  /** Empty when only an identity token is known (helpers keep those under the user `<token>`). */
  username: string;
  password?: string;
  /** An OAuth2 refresh token the registry's token service handed out at login. */
  identityToken?: string;
}

export type CredentialStore =
  | { kind: 'file'; file: string }
  | { kind: 'helper'; helper: string; file: string };

/** What credential helpers call the user of an identity token. */
const TOKEN_USER = '<token>';

export class DockerCredentials {
  private readonly env: () => NodeJS.ProcessEnv;
  private readonly runHelper: HelperRunner;

  constructor(options: { env?: () => NodeJS.ProcessEnv; runHelper?: HelperRunner } = {}) {
    this.env = options.env ?? (() => process.env);
    this.runHelper = options.runHelper ?? runCredentialHelper;
  }

  /** The config file in use (DOCKER_CONFIG honoured), read now. */
  read(): ConfigRead {
    return readDockerConfig(dockerConfigFile(this.env()));
  }

  /** Where this registry's credentials live: its own helper, the common store, or the file. */
  storeFor(address: RegistryAddress, read: ConfigRead = this.read()): CredentialStore {
    const helper = helperFor(read.config, address);
    return helper ? { kind: 'helper', helper, file: read.file } : { kind: 'file', file: read.file };
  }

  /** The credentials the CLI would use for this registry, or undefined when there are none. */
  async get(address: RegistryAddress): Promise<RegistryCredential | undefined> {
    const read = this.read();
    const helper = helperFor(read.config, address);
    if (helper) {
      const result = await this.runHelper(helper, 'get', address.configKey);
      if (result.code !== 0) {
        if (isCredentialsNotFound(result.stdout) || isCredentialsNotFound(result.stderr)) return undefined;
        throw new CredentialHelperError(helper, `docker-credential-${helper} get failed for ${address.configKey}: ${firstLine(result.stdout || result.stderr)}`);
      }
      const answer = parseHelperAnswer(result.stdout);
      if (!answer || (!answer.Username && !answer.Secret)) return undefined;
      if (answer.Username === TOKEN_USER) return answer.Secret ? { username: '', identityToken: answer.Secret } : undefined;
      return { username: answer.Username ?? '', password: answer.Secret ?? '' };
    }
    const entry = fileEntry(read.config, address);
    if (!entry) return undefined;
    const decoded = decodeAuthEntry(entry);
    const identityToken = typeof entry.identitytoken === 'string' && entry.identitytoken !== '' ? entry.identitytoken : undefined;
    if (identityToken) return { username: decoded?.username ?? '', identityToken };
    return decoded && (decoded.username || decoded.password) ? decoded : undefined;
  }

  /**
   * The X-Registry-Auth the CLI would send to the engine for pulling or pushing `reference`.
   * Undefined when there are no credentials (an anonymous pull).
   */
  async authConfigFor(reference: string): Promise<Dockerode.AuthConfig | undefined> {
    const address = registryOfReference(reference);
    const credential = await this.get(address);
    return credential ? toAuthConfig(address, credential) : undefined;
  }

  /**
   * Saves a login like `docker login` does: through the helper when one is configured (the file
   * then keeps an entry without secrets), else as base64 in the file. Returns where it went.
   */
  async store(address: RegistryAddress, credential: RegistryCredential): Promise<CredentialStore> {
    const read = this.read();
    if (read.problem) throw new Error(`${read.problem}; fix or remove it before logging in (it is left as it is)`);
    const config: DockerConfigFile = { ...read.config, auths: { ...(read.config.auths ?? {}) } };
    const store = this.storeFor(address, read);
    if (store.kind === 'helper') {
      const secret = JSON.stringify({
        ServerURL: address.configKey,
        Username: credential.identityToken ? TOKEN_USER : credential.username,
        Secret: credential.identityToken ?? credential.password ?? '',
      });
      const result = await this.runHelper(store.helper, 'store', secret);
      if (result.code !== 0) throw new CredentialHelperError(store.helper, `docker-credential-${store.helper} store failed for ${address.configKey}: ${firstLine(result.stdout || result.stderr)}`);
      config.auths![address.configKey] = {};
    } else {
      config.auths![address.configKey] = credential.identityToken
        ? { auth: encodeAuth(credential.username, ''), identitytoken: credential.identityToken }
        : { auth: encodeAuth(credential.username, credential.password ?? '') };
    }
    writeDockerConfig(read.file, config);
    return store;
  }

  /** Forgets this registry's credentials (helper and file); true when there was something to forget. */
  async erase(address: RegistryAddress): Promise<boolean> {
    const read = this.read();
    if (read.problem) throw new Error(`${read.problem}; fix or remove it before logging out (it is left as it is)`);
    let erased = false;
    const helper = helperFor(read.config, address);
    if (helper) {
      const result = await this.runHelper(helper, 'erase', address.configKey);
      if (result.code === 0) erased = true;
      else if (!isCredentialsNotFound(result.stdout) && !isCredentialsNotFound(result.stderr)) {
        throw new CredentialHelperError(helper, `docker-credential-${helper} erase failed for ${address.configKey}: ${firstLine(result.stdout || result.stderr)}`);
      }
    }
    const auths = { ...(read.config.auths ?? {}) };
    const keys = Object.keys(auths).filter((key) => key === address.configKey || sameRegistry(key, address));
    if (keys.length > 0) {
      for (const key of keys) delete auths[key];
      writeDockerConfig(read.file, { ...read.config, auths });
      erased = true;
    }
    return erased;
  }

  /** The registries the docker config knows (`auths` and `credHelpers`), one per host. */
  configuredRegistries(): RegistryAddress[] {
    const { config } = this.read();
    const found = new Map<string, RegistryAddress>();
    for (const key of [...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})]) {
      const address = parseRegistryAddress(key);
      if (address && !found.has(address.host)) found.set(address.host, address);
    }
    return [...found.values()];
  }
}

export function toAuthConfig(address: RegistryAddress, credential: RegistryCredential): Dockerode.AuthConfig {
  return credential.identityToken
    ? { identitytoken: credential.identityToken, serveraddress: address.configKey, ...(credential.username ? { username: credential.username } : {}) }
    : { username: credential.username, password: credential.password ?? '', serveraddress: address.configKey };
}

function helperFor(config: DockerConfigFile, address: RegistryAddress): string | undefined {
  const helpers = config.credHelpers ?? {};
  const own = helpers[address.configKey] ?? helpers[address.host];
  if (own) return own;
  return config.credsStore ? config.credsStore : undefined;
}

function fileEntry(config: DockerConfigFile, address: RegistryAddress) {
  const auths = config.auths ?? {};
  if (auths[address.configKey]) return auths[address.configKey];
  const key = Object.keys(auths).find((k) => sameRegistry(k, address));
  return key === undefined ? undefined : auths[key];
}

/** A config key naming the same registry in another spelling (`https://host/v1/`, `docker.io`…). */
function sameRegistry(key: string, address: RegistryAddress): boolean {
  if (address.isDockerHub) return parseRegistryAddress(key)?.isDockerHub === true && !/\/(access|refresh)-token$/.test(key);
  return convertToHostname(key).toLowerCase() === address.host;
}

function parseHelperAnswer(stdout: string): { Username?: string; Secret?: string } | undefined {
  try {
    const value = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
    return { Username: typeof value.Username === 'string' ? value.Username : undefined, Secret: typeof value.Secret === 'string' ? value.Secret : undefined };
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 300);
}
