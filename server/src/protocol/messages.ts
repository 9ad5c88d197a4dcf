// Custom messages between the Docker Workbench client and its language server. Both sides import
// these definitions, so they agree on one name and one shape.
import type { BuildContextFact, BuiltImageFact, ImageFact, LanguageSettings } from '../core/languageService';

/** Client → server: the images on the active engine (empty when no engine is reachable). */
export const LocalImagesNotification = 'dockerWorkbench/localImages';
export interface LocalImagesParams {
  images: ImageFact[];
}

/** Client → server: an image was built from a Dockerfile (for per-layer hints). */
export const BuiltImageNotification = 'dockerWorkbench/builtImage';
export type BuiltImageParams = BuiltImageFact;

/**
 * Client → server: the build contexts Dockerfiles are built with when it is not their own folder
 * (docker-build tasks, the last Build Image), for the .dockerignore checks. Replaces the last list.
 */
export const BuildContextsNotification = 'dockerWorkbench/buildContexts';
export interface BuildContextsParams {
  contexts: BuildContextFact[];
}

/** Client → server: the compose files deployed as Swarm stacks (all of them, each time), and whether the active engine manages a swarm. */
export const StackFilesNotification = 'dockerWorkbench/stackFiles';
export interface StackFilesParams {
  uris: string[];
  swarmManager?: boolean;
}

/** Client → server: settings changed (rule severities and the like). */
export const SettingsNotification = 'dockerWorkbench/settings';
export type SettingsParams = Partial<LanguageSettings>;

/** Options the client may send in `initializationOptions`. */
export interface InitializationOptions {
  /** The UI locale, when the client wants one other than `initialize.locale`. */
  locale?: string;
  settings?: Partial<LanguageSettings>;
  /**
   * Whether the workspace is trusted. Only then does the server read files outside the workspace
   * folders (an env_file or extends file elsewhere). Left out: not trusted.
   */
  workspaceTrusted?: boolean;
}

/** Client → server: the workspace's trust changed (VS Code: it was granted). */
export const WorkspaceTrustNotification = 'dockerWorkbench/workspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Client → server request: explain a Dockerfile (build time vs run time, layers, cache), as Markdown. */
export const ExplainDockerfileRequest = 'dockerWorkbench/explainDockerfile';
export interface ExplainDockerfileParams {
  /** The Dockerfile's URI (used to find what was built from it when `built` is not given). */
  uri: string;
  /** Its text; when missing, the open document's text. */
  text?: string;
  /** The image last built from it, when the client knows it. */
  built?: BuiltImageFact;
}
export interface ExplainDockerfileResult {
  markdown: string;
}
