import { z } from 'zod';
import type { NetnsPeer } from '../model/schema';
import { type ArrayParse, parseJsonArray } from './json-array';

export interface NetnsEntry {
  name: string;
  /** nsid as seen from the root namespace; null when none is assigned. */
  nsid: number | null;
}

/** Parses plain `ip netns list`: one `name` or `name (id: N)` per line. */
export function parseNetnsList(text: string): NetnsEntry[] {
  const out: NetnsEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)(?:\s+\(id:\s*(\d+)\))?/.exec(line.trim());
    if (m?.[1]) out.push({ name: m[1], nsid: m[2] === undefined ? null : Number(m[2]) });
  }
  return out;
}

const IpNsid = z.looseObject({ nsid: z.number(), name: z.string().optional() });

/**
 * Parses `ip -json netns list-id` run inside a namespace: the nsids it assigned to others. ip
 * names only namespaces visible under /run/netns; an unnamed one is often the root namespace.
 */
export function parseNsids(text: string): ArrayParse<NetnsPeer> {
  const parsed = parseJsonArray(text, IpNsid, 'nsid');
  return { items: parsed.items.map((p) => ({ nsid: p.nsid, name: p.name ?? null })), errors: parsed.errors };
}
