import { z } from 'zod';

/** The view's URL: `/view?hosts=a,b&select=<element id>&vlan=<n>&q=<search>`. */
export const ViewParams = z.object({
  hosts: z.array(z.string().min(1)),
  select: z.string().nullable(),
  vlan: z.number().int().min(0).max(4095).nullable(),
  q: z.string(),
});
export type ViewParams = z.infer<typeof ViewParams>;

type Raw = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function parseViewParams(raw: Raw): ViewParams {
  const vlan = Number(first(raw.vlan));
  const parsed = ViewParams.safeParse({
    hosts: (first(raw.hosts) ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    select: first(raw.select) || null,
    vlan: Number.isInteger(vlan) && vlan >= 0 && vlan <= 4095 && first(raw.vlan) !== '' ? vlan : null,
    q: first(raw.q) ?? '',
  });
  return parsed.success ? parsed.data : { hosts: [], select: null, vlan: null, q: '' };
}

/** The hosts a view of `names` shows (null: every host), in the inventory's order. */
export function hostsShown<H extends { name: string }>(all: H[], names: readonly string[] | null): H[] {
  return names === null ? all : all.filter((h) => names.includes(h.name));
}

const VIEW_KEYS = ['hosts', 'select', 'vlan', 'q'] as const;

/**
 * Query string for the state; keys with no value are left out. `keep` is the current query
 * string: its other parameters stay (a comparison's `from` and `to`), the view's own are replaced.
 */
export function viewSearch(p: Partial<ViewParams>, keep = ''): string {
  const s = new URLSearchParams(keep);
  for (const key of VIEW_KEYS) s.delete(key);
  if (p.hosts && p.hosts.length > 0) s.set('hosts', p.hosts.join(','));
  if (p.select) s.set('select', p.select);
  if (p.vlan !== null && p.vlan !== undefined) s.set('vlan', String(p.vlan));
  if (p.q) s.set('q', p.q);
  const text = s.toString();
  return text ? `?${text.replace(/%2C/g, ',')}` : '';
}
