/**
 * Values as `ovs-vsctl show` prints OVSDB data: a string is quoted when it could be misread
 * (`"2.1.3"`, `"int-br-ex"` on older OVS), a map is `{key=value, …}`, a set is `[a, b]`.
 */

/** A string as OVSDB prints it: quoted with C escapes, or bare. */
export function atom(text: string): string {
  const t = text.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) return t;
  return t
    .slice(1, -1)
    .replace(/\\(["\\])|\\n|\\t/g, (m, c: string | undefined) => c ?? (m === '\\n' ? '\n' : '\t'));
}

/** Positions of `sep` outside double quotes. */
function separators(text: string, sep: string): number[] {
  const at: number[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) at.push(i);
  }
  return at;
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const i of separators(text, sep)) {
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** `{peer="phy-br-ex", key=flow}` → `{peer: 'phy-br-ex', key: 'flow'}`; null when not a map. */
export function map(text: string): Record<string, string> | null {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  const out: Record<string, string> = {};
  for (const pair of splitOutsideQuotes(t.slice(1, -1), ',')) {
    const eq = separators(pair, '=')[0];
    if (eq === undefined) continue;
    out[atom(pair.slice(0, eq))] = atom(pair.slice(eq + 1));
  }
  return out;
}

/** `[10, 20]` → `['10', '20']`; a single value is a one-element set. */
export function set(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return t === '' ? [] : [atom(t)];
  return splitOutsideQuotes(t.slice(1, -1), ',').map(atom);
}
