// Custom messages between the Docker Workbench client and this server. The client imports these
// names too, so both sides agree on one definition.

/** Client → server: the `repo:tag` names of the images on the active engine. */
export const LocalImagesNotification = 'dockerWorkbench/localImages';
export interface LocalImagesParams {
  images: string[];
}

/** Options the client may send in `initializationOptions`. */
export interface InitializationOptions {
  /** The UI locale, when the client wants one other than `initialize.locale`. */
  locale?: string;
}
