import { splitJsonValues } from '../parsers/json-values';
import { namesKnownTool, type OutputKind, type PasteCommand, parseCommandLine } from './command';
import { fits, jsonKind, startKind } from './shapes';

/**
 * Splits pasted terminal text into the outputs it holds. A prompt line (`# cmd`, `$ cmd`,
 * `root@host:~# cmd`, `[root@host ~]# cmd`) says which command printed what follows; text without
 * a prompt is recognised by its shape. Forum quoting (indentation, `> `), CRLF and non-breaking
 * spaces are undone first.
 */

export interface PasteSection {
  command: PasteCommand;
  /** The output without its prompt line, dedented. */
  text: string;
  /** 1-based line of the paste where the section starts: its prompt line when it has one. */
  line: number;
}

interface Line {
  text: string;
  /** 1-based line number in the paste. */
  n: number;
}

/** `[root@host ~]# cmd`, `root@host:~/dir$ cmd`, with an optional `(venv) ` before. */
const STRONG_PROMPTS = [
  /^(?:\([^)\s]*\)\s*)?\[[^\]\n]+\]\s?[#$]\s?(.*)$/,
  /^(?:\([^)\s]*\)\s*)?[\w.-]+@[\w.-]+(?::[^\s#$]*)?\s?[#$%]\s?(.*)$/,
];
/** `# cmd`, `$ cmd`: a prompt only before a command Patchbay reads (or `$ anything`). */
const BARE_PROMPT = /^([#$%])\s?(.*)$/;
/** `sh-4.2# cmd`, `compute1$ cmd`: a prompt only before a command Patchbay reads. */
const HOST_PROMPT = /^[\w.-]+[#$%]\s(.*)$/;
const TRIVIAL = /^(?:`{3,}.*|~{3,}|\.{3}|…|-{3,}|\[\.{3}\]|\[?snip\]?)$/i;

type PromptLine = { command: PasteCommand | null } | { remarkOr: PasteCommand } | 'comment' | null;

/**
 * What a line is as a prompt: a command (null for a bare prompt with nothing typed), a comment
 * (`# Word…`), a `# word…` that is a remark inside an output and else a command (`remarkOr`), or
 * no prompt.
 */
function promptLine(line: string, shellNamespace: string): PromptLine {
  const t = line.trim();
  for (const re of STRONG_PROMPTS) {
    const m = re.exec(t);
    if (m) {
      const typed = (m[1] ?? '').trim();
      return { command: typed === '' ? null : parseCommandLine(typed, shellNamespace) };
    }
  }
  const bare = BARE_PROMPT.exec(t);
  if (bare) {
    const typed = (bare[2] ?? '').trim();
    if (typed === '') return { command: null };
    if (namesKnownTool(typed) || bare[1] === '$') return { command: parseCommandLine(typed, shellNamespace) };
    // Commands are lower case: `# Controller Node` is prose.
    return /^[A-Z]/.test(typed) ? 'comment' : { remarkOr: parseCommandLine(typed, shellNamespace) };
  }
  const host = HOST_PROMPT.exec(t);
  if (host && namesKnownTool(host[1] ?? ''))
    return { command: parseCommandLine(host[1] ?? '', shellNamespace) };
  return null;
}

const indentOf = (text: string): number => text.length - text.trimStart().length;
const isBlank = (l: Line): boolean => l.text.trim() === '';

/** The lines as one text: blank lines at both ends dropped, common indentation removed. */
function textOf(lines: Line[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start] as Line)) start++;
  while (end > start && isBlank(lines[end - 1] as Line)) end--;
  const kept = lines.slice(start, end);
  let indent = Number.POSITIVE_INFINITY;
  for (const l of kept) if (!isBlank(l)) indent = Math.min(indent, indentOf(l.text));
  return kept.map((l) => l.text.slice(Math.min(indent, indentOf(l.text)))).join('\n');
}

const TOOL_OF: Record<OutputKind, [string, string]> = {
  'ovs-vsctl show': ['ovs-vsctl', 'show'],
  'ovs-ofctl show': ['ovs-ofctl', 'show'],
  'ovs-ofctl dump-flows': ['ovs-ofctl', 'dump-flows'],
  'ip address': ['ip', 'address'],
  'ip link': ['ip', 'link'],
  'ip route': ['ip', 'route'],
  'ip netns': ['ip', 'netns'],
};

/** The command of output recognised by its shape: no bridge (nothing says which), the given namespace. */
function shapeCommand(kind: OutputKind | null, namespace: string, json: boolean): PasteCommand {
  if (kind === null)
    return {
      typed: null,
      tool: null,
      subcommand: null,
      kind: null,
      namespace,
      json,
      unsupported: 'not the output of a command Patchbay reads',
    };
  const [tool, subcommand] = TOOL_OF[kind];
  return { typed: null, tool, subcommand, kind, namespace, json };
}

/** `ip address` output without any address is what `ip link` prints. */
function refine(kind: OutputKind, lines: Line[]): OutputKind {
  return kind === 'ip address' && !lines.some((l) => /^\s*inet6?\s/.test(l.text)) ? 'ip link' : kind;
}

/** Lines of the first JSON value at the start of `lines` (0 when they do not start with one). */
function jsonLines(lines: Line[]): { lines: number; value: string } | null {
  const text = lines.map((l) => l.text).join('\n');
  const value = splitJsonValues(text).values[0];
  if (value === undefined) return null;
  const end = text.indexOf(value) + value.length;
  return { lines: text.slice(0, end).split('\n').length, value };
}

function kindOfJson(value: string): OutputKind | null {
  try {
    return jsonKind(JSON.parse(value));
  } catch {
    return null;
  }
}

/** Outputs pasted without a prompt: each starts at a line only that output starts with. */
function byShape(lines: Line[], namespace: string): PasteSection[] {
  const out: PasteSection[] = [];
  let chunk: { kind: OutputKind | null; lines: Line[]; indent: number } | null = null;
  const close = () => {
    if (!chunk) return;
    const { kind, lines: chunkLines } = chunk;
    chunk = null;
    const first = chunkLines.find((l) => !isBlank(l));
    if (!first) return;
    if (kind === null && chunkLines.every((l) => isBlank(l) || TRIVIAL.test(l.text.trim()))) return;
    const command = shapeCommand(kind && refine(kind, chunkLines), namespace, false);
    out.push({ command, text: textOf(chunkLines), line: first.n });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) {
      chunk?.lines.push(line);
      continue;
    }
    if (chunk?.kind && fits(chunk.kind, line.text, indentOf(line.text) > chunk.indent)) {
      chunk.lines.push(line);
      continue;
    }
    const kind = startKind(line.text);
    if (kind === 'json') {
      const json = jsonLines(lines.slice(i));
      if (json) {
        close();
        const jsonKindFound = kindOfJson(json.value);
        out.push({ command: shapeCommand(jsonKindFound, namespace, true), text: json.value, line: line.n });
        i += json.lines - 1;
        continue;
      }
    } else if (kind !== null) {
      close();
      chunk = { kind, lines: [line], indent: indentOf(line.text) };
      continue;
    }
    if (chunk === null || chunk.kind !== null) {
      close();
      chunk = { kind: null, lines: [], indent: 0 };
    }
    chunk.lines.push(line);
  }
  close();
  return out;
}

/**
 * The output of one prompted command: its lines up to the last one that can belong to that
 * output, short of a line that starts another output. Lines before the output proper stay (they
 * are usually the command's error message). What follows is read by shape, as if pasted without
 * a prompt.
 */
function byCommand(command: PasteCommand, promptAt: number, lines: Line[]): PasteSection[] {
  const kind = command.kind;
  const hasText = lines.some((l) => !isBlank(l));
  if (kind === null) {
    // A command that prints nothing (ovs-vsctl add-port, a shell) is not an output to report.
    return hasText ? [{ command, text: textOf(lines), line: promptAt }] : [];
  }
  let end = command.json ? lines.length : 0;
  if (command.json) {
    const json = jsonLines(lines);
    if (json) end = json.lines;
  } else {
    const header = lines.find((l) => !isBlank(l));
    const indent = header ? indentOf(header.text) : 0;
    // Up to the last line that fits, so a stray line inside the output is reported with it; a
    // line that starts another kind of output ends it.
    let seen = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (isBlank(line)) continue;
      if (fits(kind, line.text, indentOf(line.text) > indent)) {
        seen = true;
        end = i + 1;
      } else if (!seen) end = i + 1;
      else if (startKind(line.text) !== null) break;
    }
  }
  const section = { command, text: hasText ? textOf(lines.slice(0, end)) : '', line: promptAt };
  return [section, ...byShape(lines.slice(end), command.namespace)];
}

const REMARK_KINDS: readonly OutputKind[] = [
  'ovs-vsctl show',
  'ovs-ofctl dump-flows',
  'ovs-ofctl show',
  'ip route',
  'ip netns',
];

/**
 * `# br-int` between two lines of one output (a quoted listing annotated by hand) is a remark;
 * elsewhere `# word …` is a root prompt before a command Patchbay does not read.
 */
function isRemark(lines: readonly string[], at: number): boolean {
  const near = (step: number) => {
    for (let i = at + step; i >= 0 && i < lines.length; i += step)
      if ((lines[i] as string).trim()) return lines[i];
    return undefined;
  };
  const before = near(-1);
  const after = near(1);
  if (before === undefined || after === undefined) return false;
  return REMARK_KINDS.some((kind) => fits(kind, before, false) && fits(kind, after, false));
}

/** Undoes what pasting through a browser, a forum or a mail client does to terminal text. */
function normalise(paste: string): string[] {
  const lines = paste
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  // A quoted reply: every line starts with `>`.
  if (nonBlank.length > 0 && nonBlank.every((l) => /^\s*>/.test(l)))
    return lines.map((l) => l.replace(/^\s*> ?/, ''));
  return lines;
}

export function splitPaste(paste: string): PasteSection[] {
  const out: PasteSection[] = [];
  let shellNamespace = '';
  let block: { command: PasteCommand; line: number } | null = null;
  let lines: Line[] = [];
  const flush = () => {
    out.push(...(block ? byCommand(block.command, block.line, lines) : byShape(lines, shellNamespace)));
    block = null;
    lines = [];
  };
  const all = normalise(paste);
  for (const [i, text] of all.entries()) {
    const prompt = promptLine(text, shellNamespace);
    if (prompt === 'comment') continue;
    if (prompt !== null && 'remarkOr' in prompt && isRemark(all, i)) continue;
    if (prompt === null) {
      lines.push({ text, n: i + 1 });
      continue;
    }
    flush();
    const command = 'remarkOr' in prompt ? prompt.remarkOr : prompt.command;
    if (command === null) continue;
    if (command.shellNamespace !== undefined) shellNamespace = command.shellNamespace;
    if (command.leavesShell) shellNamespace = '';
    block = { command, line: i + 1 };
  }
  flush();
  return out;
}
