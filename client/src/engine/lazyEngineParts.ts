// What an engine call needs only in some setups, loaded the first time one does: the ssh transport
// (with its known_hosts and ssh config readers) for an ssh:// engine, and the docker CLI's registry
// credentials for a pull or push. A local socket needs neither, so they are not in the activation
// bundle: esbuild.mjs builds this file as dist/engineParts.js, which dockerodeEngine.ts requires.
export { SshTransport } from './sshTransport';
export { DockerCredentials } from './dockerCredentials';
