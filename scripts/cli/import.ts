import { readFileSync } from 'node:fs';
import { modelFromPaste } from '@/server/core/paste/build';
import type { ImportArgs } from './args';
import { UsageError } from './usage-error';

export interface ImportIo {
  /** A file's text; `-` is standard input. */
  read: (file: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now: () => Date;
}

const processIo: ImportIo = {
  read: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
};

/**
 * `patchbay import FILE…`: the files, in order, are one paste. Prints the model as JSON and, on
 * stderr, each output that could not be read by its file and line. 0 when something was read.
 */
export function importCommand(args: ImportArgs, io: ImportIo = processIo): number {
  const files = args.files.map((name) => {
    try {
      return { name: name === '-' ? '(stdin)' : name, text: io.read(name).replace(/\r?\n$/, '') };
    } catch (e) {
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
  });
  const { model, sections } = modelFromPaste(files.map((f) => f.text).join('\n'), {
    now: io.now(),
    ...(args.host === undefined ? {} : { host: args.host }),
  });
  io.stdout(`${JSON.stringify(model, null, args.pretty ? 2 : undefined)}\n`);

  /** A line of the joined paste as `FILE:LINE`. */
  const where = (line: number): string => {
    let first = 1;
    for (const f of files) {
      const count = f.text.split('\n').length;
      if (line < first + count) return `${f.name}:${line - first + 1}`;
      first += count;
    }
    return `line ${line}`;
  };
  for (const s of sections) {
    if (s.error === undefined) continue;
    const what = s.command.typed ?? s.command.kind ?? 'text';
    io.stderr(`patchbay import: ${where(s.line)}: ${what}: ${s.error}\n`);
  }
  if (sections.some((s) => s.recognised)) return 0;
  io.stderr('patchbay import: nothing in the paste could be read\n');
  return 1;
}
