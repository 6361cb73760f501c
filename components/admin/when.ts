/** A stored ISO time in the browser's locale and zone; "—" when there is none. */
export function when(iso: string | null, none = '—'): string {
  return iso ? new Date(iso).toLocaleString() : none;
}
