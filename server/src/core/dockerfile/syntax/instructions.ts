// The instruction keywords BuildKit's Dockerfile frontend accepts.
export const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

export type InstructionKeyword = (typeof INSTRUCTIONS)[number];

const known = new Set<string>(INSTRUCTIONS);

export function isInstruction(word: string): word is InstructionKeyword {
  // Most keywords are written in capitals: no new string for them (rules ask for every instruction).
  return known.has(word) || known.has(word.toUpperCase());
}
