/**
 * Sets (or with null removes) one query parameter of the page's URL in place, keeping the others
 * (the graph view keeps its own there too), so a reload or a copied link reopens the same state.
 */
export function replaceUrlParam(key: string, value: string | null): void {
  const s = new URLSearchParams(window.location.search);
  if (value === null) s.delete(key);
  else s.set(key, value);
  const q = s.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${q ? `?${q}` : ''}`);
}
