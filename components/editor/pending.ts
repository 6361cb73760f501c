import { z } from 'zod';

/**
 * Pending edits of one host, with undo and redo: every change to the list pushes the previous
 * list, so undo steps back through additions, removals and discards alike. Pure; the editor keeps
 * it in localStorage per host so a reload or a crash loses nothing.
 */
export interface Pending {
  /** Edit objects in the change engine's vocabulary (validated by applyEdits, never here). */
  edits: unknown[];
  past: unknown[][];
  future: unknown[][];
}

export const EMPTY: Pending = { edits: [], past: [], future: [] };
const HISTORY = 100;

export type PendingAction =
  | { type: 'add'; edit: unknown }
  | { type: 'remove'; index: number }
  | { type: 'discard' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'load'; state: Pending };

const change = (s: Pending, edits: unknown[]): Pending => ({
  edits,
  past: [...s.past, s.edits].slice(-HISTORY),
  future: [],
});

export function pendingReducer(s: Pending, a: PendingAction): Pending {
  switch (a.type) {
    case 'add':
      return change(s, [...s.edits, a.edit]);
    case 'remove':
      return a.index >= 0 && a.index < s.edits.length
        ? change(
            s,
            s.edits.filter((_, i) => i !== a.index),
          )
        : s;
    case 'discard':
      return s.edits.length === 0 ? s : change(s, []);
    case 'undo': {
      const prev = s.past.at(-1);
      return prev === undefined
        ? s
        : { edits: prev, past: s.past.slice(0, -1), future: [s.edits, ...s.future] };
    }
    case 'redo': {
      const [next, ...rest] = s.future;
      return next === undefined ? s : { edits: next, past: [...s.past, s.edits], future: rest };
    }
    case 'load':
      return a.state;
  }
}

const Stored = z.object({
  edits: z.array(z.unknown()).max(5000),
  past: z.array(z.array(z.unknown())).max(HISTORY),
  future: z.array(z.array(z.unknown())).max(HISTORY),
});

export const storageKey = (hostId: string) => `patchbay:pending:${hostId}`;

/** The stored state, or EMPTY when there is none or it does not parse (never throws). */
export function parseStored(text: string | null): Pending {
  if (!text) return EMPTY;
  try {
    const r = Stored.safeParse(JSON.parse(text));
    return r.success ? r.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** One line for the pending list: `add-port bridge=br-int name=p5 type=internal tag=5`. */
export function editSummary(edit: unknown): string {
  if (!edit || typeof edit !== 'object') return String(edit);
  const { op, ...rest } = edit as Record<string, unknown>;
  const words = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [String(op), ...words].join(' ');
}
