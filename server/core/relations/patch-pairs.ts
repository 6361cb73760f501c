import type { HostModel, Interface } from '../model/schema';
import type { PatchPair } from './types';

const pairId = (a: string, b: string | null): string =>
  b === null ? `patch:${a}|` : a < b ? `patch:${a}|${b}` : `patch:${b}|${a}`;

/** Patch port pairs; each healthy pair once, plus one dangling entry per broken end. */
export function patchPairs(model: HostModel): PatchPair[] {
  const patches = (model.ovs?.interfaces ?? []).filter((i) => i.type === 'patch');
  const byName = new Map(patches.map((i) => [i.name, i]));
  const out = new Map<string, PatchPair>();
  const check = (iface: Interface): PatchPair => {
    const peerName = iface.options.peer;
    const peer = peerName === undefined ? undefined : byName.get(peerName);
    if (!peerName)
      return {
        id: pairId(iface.id, null),
        a: iface.id,
        b: null,
        status: 'dangling',
        reason: 'no peer option',
      };
    if (!peer) {
      return {
        id: pairId(iface.id, null),
        a: iface.id,
        b: null,
        status: 'dangling',
        reason: iface.error ?? `peer ${peerName} does not exist`,
      };
    }
    if (peer.options.peer !== iface.name) {
      return {
        id: pairId(iface.id, peer.id),
        a: iface.id,
        b: peer.id,
        status: 'dangling',
        reason: `peer ${peerName} points to ${peer.options.peer ?? 'nothing'}`,
      };
    }
    const error = iface.error ?? peer.error;
    const [a, b] = iface.id < peer.id ? [iface.id, peer.id] : [peer.id, iface.id];
    return error
      ? { id: pairId(a, b), a, b, status: 'dangling', reason: error }
      : { id: pairId(a, b), a, b, status: 'ok' };
  };
  for (const iface of patches) {
    const pair = check(iface);
    // A one-way pair (a→b, b→c) yields two entries with different ids: keep both, they are separate faults.
    if (!out.has(pair.id)) out.set(pair.id, pair);
  }
  return [...out.values()];
}
