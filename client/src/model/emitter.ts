// A tiny typed event emitter so the model stays free of the vscode module (and unit-testable).
export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // one listener failing must not starve the others
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
