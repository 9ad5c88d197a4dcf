// The shape of vscode.l10n, for code that translates its messages without importing vscode (pure
// modules, unit-tested in plain node), and its English stand-in that only fills in {0}, {1}, ...

export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const english: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole)),
};
