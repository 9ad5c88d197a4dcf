// The shape of vscode.l10n, and its English stand-in, for modules that translate messages without
// importing vscode (pure modules, unit-tested; the engine's ssh transport, the swarm's rows).
// Its own small module so the core bundle (activation) does not take in the run form's spec for it.

/** The shape of vscode.l10n, so messages can be translated without importing vscode here. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const english: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole)),
};
