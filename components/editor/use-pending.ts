'use client';
import { useEffect, useReducer } from 'react';
import { EMPTY, type Pending, type PendingAction, parseStored, pendingReducer, storageKey } from './pending';

interface Held {
  /** The host whose stored edits this state holds (null until loaded). */
  host: string | null;
  pending: Pending;
}

const reduce = (s: Held, a: PendingAction | { type: 'open'; host: string; state: Pending }): Held =>
  a.type === 'open'
    ? { host: a.host, pending: a.state }
    : { host: s.host, pending: pendingReducer(s.pending, a) };

/**
 * The pending edits of one host, kept in localStorage (per host, until applied or discarded):
 * a reload or a crash of the tab loses nothing.
 */
export function usePending(hostId: string) {
  const [held, dispatch] = useReducer(reduce, { host: null, pending: EMPTY });
  useEffect(() => {
    dispatch({
      type: 'open',
      host: hostId,
      state: parseStored(window.localStorage.getItem(storageKey(hostId))),
    });
  }, [hostId]);
  useEffect(() => {
    // Only the state loaded for this host is written back under its key.
    if (held.host !== hostId) return;
    const { edits, past, future } = held.pending;
    const key = storageKey(hostId);
    if (edits.length === 0 && past.length === 0 && future.length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(held.pending));
  }, [held, hostId]);
  return {
    state: held.host === hostId ? held.pending : EMPTY,
    dispatch: dispatch as (a: PendingAction) => void,
  };
}
