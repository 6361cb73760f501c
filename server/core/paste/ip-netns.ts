import { z } from 'zod';
import { type ArrayParse, parseJsonArray } from '../parsers/json-array';
import { type NetnsEntry, parseNetnsList } from '../parsers/netns';

/** `ip netns` (`list`, `show`): plain, as the collection reads it, or `ip -json netns`. */

/** A namespace name as ip prints it, with the root namespace's nsid when one is assigned. */
const NETNS_LINE = /^[\w.:@+-]+(?:\s+\(id:\s*\d+\))?$/;

const IpNetns = z.looseObject({ name: z.string(), id: z.number().int().optional() });

export function parseNetnsPaste(text: string, json: boolean): ArrayParse<NetnsEntry> {
  if (json) {
    const parsed = parseJsonArray(text, IpNetns, 'netns');
    return { items: parsed.items.map((n) => ({ name: n.name, nsid: n.id ?? null })), errors: parsed.errors };
  }
  const errors: string[] = [];
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (NETNS_LINE.test(line)) lines.push(line);
    else errors.push(`not ip netns output: ${line.slice(0, 200)}`);
  }
  return { items: parseNetnsList(lines.join('\n')), errors };
}
