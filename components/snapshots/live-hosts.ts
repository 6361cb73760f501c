/**
 * The inventory hosts a snapshot's hosts are now: by the id it was taken from, else by name (an
 * imported snapshot knows no ids, and a host removed and added again has a new one). `missing`
 * names the hosts the inventory no longer has: no live side exists for them.
 */
export function liveHosts(
  snapshotHosts: readonly { name: string; hostId: string | null }[],
  inventory: readonly { id: string; name: string }[],
): { ids: string[]; missing: string[] } {
  const byId = new Map(inventory.map((h) => [h.id, h]));
  const byName = new Map(inventory.map((h) => [h.name, h]));
  const ids: string[] = [];
  const missing: string[] = [];
  for (const h of snapshotHosts) {
    const found = (h.hostId ? byId.get(h.hostId) : undefined) ?? byName.get(h.name);
    if (found) ids.push(found.id);
    else missing.push(h.name);
  }
  return { ids, missing };
}
