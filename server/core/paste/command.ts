/**
 * What a pasted command line asked for: which output follows it, for which bridge or namespace.
 * Only the commands whose output Patchbay reads are understood in detail; any other command is
 * named (so the report can say what was skipped) and its output is left alone.
 */

/** The outputs a paste can hold that Patchbay reads. */
export type OutputKind =
  | 'ovs-vsctl show'
  | 'ovs-ofctl show'
  | 'ovs-ofctl dump-flows'
  | 'ip address'
  | 'ip link'
  | 'ip route'
  | 'ip netns';

export interface PasteCommand {
  /** The command as typed after the prompt; null for output recognised by its shape alone. */
  typed: string | null;
  /** `ovs-vsctl`, `ovs-ofctl`, `ip`, or the first word of a command that is not read; null without one. */
  tool: string | null;
  /** `show`, `dump-flows`, `address`, `route`, … as the tool spells it in full. */
  subcommand: string | null;
  /** The output that follows; null when Patchbay does not read it (`unsupported` says why). */
  kind: OutputKind | null;
  /** The bridge an `ovs-ofctl` command names. */
  bridge?: string;
  /** The network namespace the command ran in: '' is the root namespace. */
  namespace: string;
  /** `ip -json`: the output is JSON. */
  json: boolean;
  /** The address family `ip -4`/`-6`/`-f` chose. */
  family?: 'inet' | 'inet6';
  /** `ip netns exec NS bash`: a shell in NS, so the commands after it run there until `exit`. */
  shellNamespace?: string;
  /** `exit` or `logout`: leaves a shell opened by `ip netns exec NS bash`. */
  leavesShell?: boolean;
  /** Why the output of this command is not read. */
  unsupported?: string;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'ash', 'dash', 'ksh', 'fish']);
const CONTAINER_TOOLS = new Set(['docker', 'podman', 'kubectl', 'oc', 'crictl', 'nerdctl']);
const TOOLS = new Set(['ovs-vsctl', 'ovs-ofctl', 'ip']);
/** Shell-like words: quotes and backslashes are honoured, `|`, `;`, `&&` and redirections end the command. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '|' || c === ';' || c === '&' || c === '>' || c === '<') {
      // A redirection or a pipe: the rest does not change what the command itself printed.
      if (inWord && !/^\d$/.test(word)) words.push(word);
      return words;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** Drops what runs the command rather than being it: sudo, env, time, `docker exec CONTAINER`. */
function unwrap(words: string[]): string[] {
  let rest = words;
  for (;;) {
    const first = rest[0];
    if (first === undefined) return rest;
    const name = basename(first);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first) || name === 'env' || name === 'time' || name === 'nice') {
      rest = rest.slice(1);
    } else if (name === 'sudo' || name === 'doas') {
      let i = 1;
      while (rest[i]?.startsWith('-'))
        i += ['-u', '-g', '-C', '-h', '-p'].includes(rest[i] as string) ? 2 : 1;
      rest = rest.slice(i);
    } else if (CONTAINER_TOOLS.has(name) && rest[1] === 'exec') {
      // `docker exec -it ovs ovs-vsctl show`, `kubectl exec pod -- ip addr`: the tool is the first
      // word Patchbay knows; without one, the command is the container tool's own.
      const at = rest.findIndex((w, i) => i > 1 && TOOLS.has(basename(w)));
      if (at === -1) return rest;
      rest = rest.slice(at);
    } else return rest;
  }
}

const unsupported = (typed: string, tool: string | null, why: string, namespace: string): PasteCommand => ({
  typed,
  tool,
  subcommand: null,
  kind: null,
  namespace,
  json: false,
  unsupported: why,
});

/** The words that are not options (nor option values), for tools whose options may come anywhere. */
function positionals(words: string[], takesValue: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-') && w !== '-') {
      if (!w.includes('=') && takesValue.has(w)) i++;
    } else out.push(w);
  }
  return out;
}

const VSCTL_VALUE_OPTIONS = new Set(['-t', '--timeout', '--db', '--format', '--columns']);
const OFCTL_VALUE_OPTIONS = new Set([
  '-O',
  '--protocols',
  '-F',
  '--flow-format',
  '-P',
  '--packet-in-format',
  '-t',
  '--timeout',
]);

/** `unix:/var/run/openvswitch/br-int.mgmt` is br-int's management socket. */
const bridgeOf = (target: string): string => /^unix:.*\/([^/]+)\.mgmt$/.exec(target)?.[1] ?? target;

function vsctl(typed: string, args: string[], namespace: string): PasteCommand {
  const [sub] = positionals(args, VSCTL_VALUE_OPTIONS);
  if (sub !== 'show')
    return unsupported(
      typed,
      'ovs-vsctl',
      `ovs-vsctl ${sub ?? ''} is not read; paste ovs-vsctl show`,
      namespace,
    );
  return { typed, tool: 'ovs-vsctl', subcommand: 'show', kind: 'ovs-vsctl show', namespace, json: false };
}

function ofctl(typed: string, args: string[], namespace: string): PasteCommand {
  const [sub, target] = positionals(args, OFCTL_VALUE_OPTIONS);
  const kind =
    sub === 'dump-flows'
      ? 'ovs-ofctl dump-flows'
      : sub === 'show' || sub === 'dump-ports-desc'
        ? 'ovs-ofctl show'
        : null;
  if (kind === null)
    return unsupported(
      typed,
      'ovs-ofctl',
      `ovs-ofctl ${sub ?? ''} is not read; paste ovs-ofctl show BRIDGE or dump-flows BRIDGE`,
      namespace,
    );
  if (target === undefined)
    return unsupported(typed, 'ovs-ofctl', `ovs-ofctl ${sub} names no bridge`, namespace);
  return {
    typed,
    tool: 'ovs-ofctl',
    subcommand: sub ?? null,
    kind,
    bridge: bridgeOf(target),
    namespace,
    json: false,
  };
}

/**
 * ip's global options in the order ip matches abbreviations against them (`-d` is -details, `-n`
 * is -netns), with whether they take a value.
 */
const IP_OPTIONS: readonly [string, boolean][] = [
  ['-loops', true],
  ['-family', true],
  ['-4', false],
  ['-6', false],
  ['-0', false],
  ['-human', false],
  ['-iec', false],
  ['-stats', false],
  ['-statistics', false],
  ['-details', false],
  ['-resolve', false],
  ['-oneline', false],
  ['-timestamp', false],
  ['-tshort', false],
  ['-Version', false],
  ['-force', false],
  ['-batch', true],
  ['-rcvbuf', true],
  ['-color', false],
  ['-help', false],
  ['-netns', true],
  ['-Numeric', false],
  ['-all', false],
  ['-json', false],
  ['-pretty', false],
  ['-brief', false],
  ['-echo', false],
];

/** ip's objects in its matching order (`ip a` is address, `ip n` is neighbour, not netns). */
const IP_OBJECTS = [
  'address',
  'addrlabel',
  'maddress',
  'route',
  'rule',
  'neighbor',
  'neighbour',
  'ntable',
  'link',
];
const IP_LATE_OBJECTS = ['netns', 'netconf', 'nexthop'];

const abbreviates = (word: string, full: string): boolean => word.length > 0 && full.startsWith(word);

function ipObject(word: string): string | undefined {
  // ip tries address… link, then the tunnel/l2tp/… family, then netns: `ip n` never means netns.
  return IP_OBJECTS.find((o) => abbreviates(word, o)) ?? IP_LATE_OBJECTS.find((o) => abbreviates(word, o));
}

const SHOW_WORDS = ['show', 'list', 'lst'];
const isShow = (word: string | undefined): boolean =>
  word === undefined || SHOW_WORDS.some((s) => abbreviates(word, s));

function ip(typed: string, args: string[], outerNamespace: string): PasteCommand {
  let namespace = outerNamespace;
  let json = false;
  let family: 'inet' | 'inet6' | undefined;
  let i = 0;
  const notRead = (why: string) => unsupported(typed, 'ip', why, namespace);
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) break;
    const [word, inlineValue] = arg.replace(/^--/, '-').split('=', 2) as [string, string | undefined];
    const option = IP_OPTIONS.find(([name]) => abbreviates(word, name));
    if (!option) return notRead(`ip option ${arg} is not known`);
    const [name, takesValue] = option;
    const value = takesValue ? (inlineValue ?? args[++i]) : undefined;
    if (takesValue && value === undefined) return notRead(`ip ${name} needs a value`);
    if (name === '-4') family = 'inet';
    else if (name === '-6') family = 'inet6';
    else if (name === '-family' && (value === 'inet' || value === 'inet6')) family = value;
    else if (name === '-json') json = true;
    else if (name === '-netns') namespace = value ?? namespace;
    else if (name === '-brief' || name === '-oneline' || name === '-batch' || name === '-all')
      return notRead(`ip ${name} output is not read; paste it without ${name}`);
  }
  const objectWord = args[i];
  const object = objectWord === undefined ? undefined : ipObject(objectWord);
  const rest = args.slice(i + 1);
  const base = { typed, tool: 'ip', subcommand: object ?? null, namespace, json };
  const withFamily = family === undefined ? base : { ...base, family };
  switch (object) {
    case 'address':
    case 'link':
      if (!isShow(rest[0])) return notRead(`ip ${object} ${rest[0]} is not read; paste ip ${object} show`);
      return { ...withFamily, kind: object === 'address' ? 'ip address' : 'ip link' };
    case 'route':
      if (!isShow(rest[0])) return notRead(`ip route ${rest[0]} is not read; paste ip route show`);
      return { ...withFamily, kind: 'ip route' };
    case 'netns':
      return netns(typed, rest, base, namespace);
    default:
      return notRead(`ip ${objectWord ?? ''} is not read`.trim());
  }
}

function netns(
  typed: string,
  rest: string[],
  base: Omit<PasteCommand, 'kind'>,
  namespace: string,
): PasteCommand {
  const [sub, ns, ...command] = rest;
  if (sub === undefined || SHOW_WORDS.some((s) => abbreviates(sub, s)))
    return { ...base, kind: 'ip netns', namespace: '' };
  if (sub !== 'exec' || ns === undefined)
    return unsupported(typed, 'ip', `ip netns ${sub} is not read`, namespace);
  const inner = unwrap(command);
  const first = inner[0];
  if (first === undefined || SHELLS.has(basename(first)))
    return { ...unsupported(typed, 'ip', 'opens a shell', ns), shellNamespace: ns };
  return commandFrom(typed, inner, ns);
}

function commandFrom(typed: string, words: string[], namespace: string): PasteCommand {
  const [first, ...args] = unwrap(words);
  if (first === undefined) return unsupported(typed, null, 'no command', namespace);
  const tool = basename(first);
  if (tool === 'exit' || tool === 'logout')
    return { ...unsupported(typed, tool, 'no output', ''), leavesShell: true };
  if (tool === 'ovs-vsctl') return vsctl(typed, args, namespace);
  if (tool === 'ovs-ofctl') return ofctl(typed, args, namespace);
  if (tool === 'ip') return ip(typed, args, namespace);
  return unsupported(typed, tool, `${tool} output is not read`, namespace);
}

/**
 * The command a prompt line shows. `namespace` is where it runs unless it says otherwise: the
 * namespace of a shell opened by an earlier `ip netns exec NS bash`.
 */
export function parseCommandLine(typed: string, namespace = ''): PasteCommand {
  return commandFrom(typed.trim(), shellWords(typed), namespace);
}

/** True when the line's first word is a tool Patchbay reads (after sudo and the like). */
export function namesKnownTool(typed: string): boolean {
  const first = unwrap(shellWords(typed))[0];
  return first !== undefined && (TOOLS.has(basename(first)) || ['exit', 'logout'].includes(first));
}
