// The stage names of a Dockerfile (`FROM image AS name`), for build.target completion, checks and
// navigation. A deliberately tiny reader: it honours line continuations (with the escape
// character the `# escape=` directive chooses), comments, and is case-insensitive.

export interface DockerfileStage {
  name: string;
  /** Offset of the name in the Dockerfile text. */
  start: number;
  end: number;
}

export function dockerfileStages(text: string): DockerfileStage[] {
  // Parser directives only count in the comment lines at the very top.
  const escape = /^(?:#[^\n]*\n)*?#\s*escape\s*=\s*`/i.test(text) ? '`' : '\\';
  const stages: DockerfileStage[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let instruction = '';
  let instructionStart = 0;
  const offsets: number[] = []; // maps positions in `instruction` back to the text
  for (const rawLine of lines) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineStart = offset;
    offset += rawLine.length + 1;
    const trimmed = line.trimStart();
    if (instruction === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (instruction !== '' && trimmed.startsWith('#')) continue; // comments inside continuations are dropped
    if (instruction === '') instructionStart = lineStart;
    const continues = line.trimEnd().endsWith(escape);
    const part = continues ? line.trimEnd().slice(0, -1) : line;
    for (let i = 0; i < part.length; i++) offsets.push(lineStart + i);
    offsets.push(lineStart + part.length);
    instruction += `${part} `;
    if (continues) continue;
    const stage = readStage(instruction);
    if (stage) stages.push({ name: stage.name, start: offsets[stage.index] ?? instructionStart, end: (offsets[stage.index] ?? instructionStart) + stage.name.length });
    instruction = '';
    offsets.length = 0;
  }
  return stages;
}

function readStage(instruction: string): { name: string; index: number } | undefined {
  const match = /^(\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+)(\S+)/i.exec(instruction);
  if (!match) return undefined;
  return { name: match[2]!.toLowerCase(), index: match[1]!.length };
}
