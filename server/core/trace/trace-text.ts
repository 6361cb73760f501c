/**
 * Reads the text `ovs-appctl ofproto/trace` prints (ofproto-dpif-trace.c) into passes of node trees.
 * No model knowledge: names and numbers stay as OVS printed them.
 *
 * One pass per datapath translation: the first for the packet, one more per recirculation
 * (conntrack, …), each headed by a `recirc(0x…)` block between lines of `=`. A pass is
 *
 *   Flow: <the packet>
 *   <tree of bridges, tables, actions and notes>
 *   Final flow: <flow after translation, or "unchanged">
 *   Megaflow: <the datapath flow's match>
 *   Datapath actions: <what the datapath does>
 *   [Translation failed (…), packet is dropped. | slow-path reasons]
 *
 * The tree's indentation is not plain nesting: OVS prints a node at 4·(level+1) spaces when more
 * nodes follow it in its list (or it is a leaf-like type), and then nests its children two levels
 * deeper; the LAST non-leaf node of a list is printed at 4·level and its children stay at that
 * level. A peer bridge reached through a patch port is therefore flush left when it was the last
 * thing its table did, and indented when actions followed. Parsing by that rule gives the tree
 * OVS built, whatever the depth.
 */

export type TraceNodeKind = 'bridge' | 'table' | 'action' | 'detail' | 'warn' | 'error' | 'bucket' | 'thaw';

export interface TraceNode {
  kind: TraceNodeKind;
  /** The text without its indentation and marker (`-> `, `>> `, `>>>> … <<<<`). */
  text: string;
  children: TraceNode[];
}

export interface TracePassText {
  /** The recirculation block's text (`recirc(0x1) - resume conntrack …`); null for the first pass. */
  resume: string | null;
  flow: string;
  nodes: TraceNode[];
  /** null when OVS printed `unchanged`. */
  finalFlow: string | null;
  megaflow: string;
  datapathActions: string;
  /** Lines after the datapath actions: a failed translation, slow-path reasons. */
  trailer: string[];
}

export interface TraceText {
  passes: TracePassText[];
  /** Lines that fit nowhere; a non-empty list means the text was not a trace. */
  errors: string[];
}

const RULE = /^={20,}$/;

export function parseTraceText(text: string): TraceText {
  const lines = text.replace(/\r/g, '').split('\n');
  const passes: TracePassText[] = [];
  const errors: string[] = [];
  let i = 0;
  let resume: string | null = null;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
    } else if (RULE.test(line)) {
      const end = lines.findIndex((l, at) => at > i && RULE.test(l));
      const block = lines.slice(i + 1, end < 0 ? lines.length : end).filter((l) => l.trim() !== '');
      resume = block.join('\n');
      i = end < 0 ? lines.length : end + 1;
    } else if (line.startsWith('Flow: ')) {
      const pass = readPass(lines, i, resume);
      passes.push(pass.pass);
      resume = null;
      i = pass.next;
    } else {
      errors.push(line);
      i++;
    }
  }
  if (passes.length === 0 && errors.length === 0) errors.push('empty output');
  return { passes, errors };
}

function readPass(lines: string[], start: number, resume: string | null) {
  const field = (prefix: string, from: number) => {
    const at = lines.findIndex((l, n) => n >= from && l.startsWith(prefix));
    return at < 0 ? { at: lines.length, value: '' } : { at, value: (lines[at] ?? '').slice(prefix.length) };
  };
  const flow = (lines[start] ?? '').slice('Flow: '.length);
  const final = field('Final flow: ', start + 1);
  const megaflow = field('Megaflow: ', final.at);
  const actions = field('Datapath actions: ', megaflow.at);
  let next = actions.at + 1;
  const trailer: string[] = [];
  while (next < lines.length && !RULE.test(lines[next] ?? '')) {
    const l = (lines[next] ?? '').trim();
    if (l !== '') trailer.push(l);
    next++;
  }
  return {
    pass: {
      resume,
      flow,
      nodes: parseTree(lines.slice(start + 1, final.at)),
      finalFlow: final.value === 'unchanged' ? null : final.value,
      megaflow: megaflow.value,
      datapathActions: actions.value,
      trailer,
    },
    next,
  };
}

interface Line {
  level: number;
  text: string;
}

/** The tree of one pass: blank lines and a bridge's `-----` underline carry nothing. */
export function parseTree(lines: string[]): TraceNode[] {
  const body: Line[] = lines
    .filter((l) => l.trim() !== '' && !/^\s*-+$/.test(l))
    // Table numbers are printed `%2d. `, so one-digit tables carry one more space: floor absorbs it.
    .map((l) => ({ level: Math.floor((l.length - l.trimStart().length) / 4), text: l.trim() }));
  const cursor = { at: 0 };
  return parseList(body, cursor, 0);
}

function parseList(lines: Line[], cursor: { at: number }, level: number): TraceNode[] {
  const nodes: TraceNode[] = [];
  while (cursor.at < lines.length) {
    const line = lines[cursor.at];
    if (!line || line.level < level) break;
    // Deeper than `level`: more nodes follow in this list and the children sit two levels down.
    const more = line.level > level;
    cursor.at++;
    nodes.push({ ...classify(line.text), children: parseList(lines, cursor, more ? level + 2 : level) });
    if (!more) break;
  }
  return nodes;
}

function classify(text: string): Omit<TraceNode, 'children'> {
  const bridge = /^bridge\("(.*)"\)$/.exec(text);
  if (bridge) return { kind: 'bridge', text: bridge[1] ?? '' };
  if (/^(\d+|--)\. /.test(text)) return { kind: 'table', text };
  const error = /^>>>> (.*) <<<<$/.exec(text);
  if (error) return { kind: 'error', text: error[1] ?? '' };
  if (text.startsWith('>> ')) return { kind: 'warn', text: text.slice(3) };
  if (text.startsWith('-> ')) return { kind: 'detail', text: text.slice(3) };
  if (/^bucket \d+/.test(text)) return { kind: 'bucket', text };
  if (text === 'thaw' || /^(Resuming from table|restored state:)/.test(text)) return { kind: 'thaw', text };
  return { kind: 'action', text };
}
