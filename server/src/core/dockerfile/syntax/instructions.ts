// The instruction keywords BuildKit's Dockerfile frontend accepts.
export const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

export type InstructionKeyword = (typeof INSTRUCTIONS)[number];

const known = new Set<string>(INSTRUCTIONS);

export function isInstruction(word: string): word is InstructionKeyword {
  return known.has(word.toUpperCase());
}
