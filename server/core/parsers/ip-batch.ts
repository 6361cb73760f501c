import { splitJsonValues } from './json-values';
import type { Section } from './stream';

/**
 * The commands of the one `ip -json -details -force -batch -` run per namespace (stream v2), in
 * order, with the part each one's JSON document stands for. ip prints both families for `route
 * show` unless a family is chosen, and `root <any address>` chooses one; `rule show` is IPv4 only
 * (IPv6 rules need `ip -6`, a separate `rule6` part). `netns list-id` is left out on purpose: ip
 * opens every /run/netns entry to name each peer, so it costs O(namespaces²) on hosts with hundreds
 * of namespaces; veth peers are resolved from the root's nsids and mutual ifindexes instead.
 */
export const IP_BATCH = [
  { part: 'links', command: 'address show' },
  { part: 'route4', command: 'route show table all root 0.0.0.0/0' },
  { part: 'route6', command: 'route show table all root ::/0' },
  { part: 'rule4', command: 'rule show' },
] as const;

/** ip's line after each failed batch command: `Command failed -:<line>`. */
const FAILED = /^Command failed \S*:(\d+)$/;

/** The stderr lines of each failed batch line (1-based), plus lines that name no command. */
function failures(stderr: string): { byLine: Map<number, string>; other: string } {
  const byLine = new Map<number, string>();
  let pending: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = FAILED.exec(line.trim());
    if (m) {
      byLine.set(Number(m[1]), pending.join('\n') || line.trim());
      pending = [];
    } else if (line.trim() !== '') pending.push(line);
  }
  return { byLine, other: pending.join('\n') };
}

/**
 * Turns the `ip <ns>` section of a v2 stream into one section per batch command, so the rest of
 * the parser sees the same parts as in v1. With -force ip runs every command and prints one JSON
 * document for each that succeeded, so documents are matched to the commands that did not fail.
 */
export function expandIpBatch(section: Section): Section[] {
  const base = { arg: section.arg };
  const { byLine, other } = failures(section.stderr);
  // ip itself failed (namespace gone, no -batch/-json support): every part carries that error.
  if (section.rc !== null && section.rc !== 0 && byLine.size === 0) {
    return IP_BATCH.map(({ part }) => ({
      ...base,
      part,
      stdout: section.stdout,
      stderr: section.stderr,
      rc: section.rc,
    }));
  }
  const { values, rest } = splitJsonValues(section.stdout);
  let next = 0;
  let restUsed = false;
  return IP_BATCH.map(({ part }, i): Section => {
    const failed = byLine.get(i + 1);
    if (failed !== undefined) return { ...base, part, stdout: '', stderr: failed, rc: section.rc || 1 };
    const doc = values[next++];
    if (doc !== undefined) return { ...base, part, stdout: doc, stderr: '', rc: 0 };
    const leftover = restUsed ? '' : rest;
    restUsed = true;
    // Cut off before this document arrived: report it as cut off, with what did arrive.
    if (section.rc === null) return { ...base, part, stdout: leftover, stderr: other, rc: null };
    const why = other || (leftover ? `not JSON: ${leftover.slice(0, 200)}` : 'ip printed no document');
    return { ...base, part, stdout: leftover, stderr: why, rc: section.rc || 1 };
  });
}
