/** Events of a run, parsed from the apply script's `@@PB` lines (see apply-script.ts). */
export type ScriptEvent =
  | { type: 'busy'; holder: string }
  | { type: 'stale'; expected: string; found: string }
  | { type: 'unit-start'; unit: number }
  | { type: 'unit-ok'; unit: number; ms: number }
  | { type: 'unit-fail'; unit: number; rc: number; ms: number; stderr: string }
  | { type: 'undo-ok'; unit: number }
  | { type: 'undo-fail'; unit: number; rc: number; stderr: string }
  | { type: 'outcome'; outcome: 'applied' | 'rolled-back' | 'rollback-incomplete' | 'reverted' };

const b64 = (text: string | undefined) => {
  if (!text) return '';
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0))).trim();
  } catch {
    return '';
  }
};

export function parseScriptLine(line: string): ScriptEvent | null {
  const m = /^@@PB (.*)$/.exec(line.trim());
  if (!m?.[1]) return null;
  const [word, ...rest] = m[1].split(' ');
  const n = (i: number) => Number(rest[i]);
  switch (word) {
    case 'busy':
      return { type: 'busy', holder: rest.join(' ') };
    case 'stale':
      return { type: 'stale', expected: rest[0] ?? '', found: rest[1] ?? '' };
    case 'unit':
      if (rest[1] === 'start') return { type: 'unit-start', unit: n(0) };
      if (rest[1] === 'ok') return { type: 'unit-ok', unit: n(0), ms: n(2) };
      if (rest[1] === 'fail')
        return { type: 'unit-fail', unit: n(0), rc: n(2), ms: n(3), stderr: b64(rest[4]) };
      return null;
    case 'undo':
      if (rest[1] === 'ok') return { type: 'undo-ok', unit: n(0) };
      if (rest[1] === 'fail') return { type: 'undo-fail', unit: n(0), rc: n(2), stderr: b64(rest[3]) };
      return null;
    case 'outcome':
      if (
        rest[0] === 'applied' ||
        rest[0] === 'rolled-back' ||
        rest[0] === 'rollback-incomplete' ||
        rest[0] === 'reverted'
      )
        return { type: 'outcome', outcome: rest[0] };
      return null;
    default:
      return null;
  }
}

/** Splits a stream into lines across chunk boundaries. */
export function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let nl = pending.indexOf('\n');
    while (nl !== -1) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  };
}
