// Pure helpers that turn a raw scenario document into plain data before validation:
// `repeat` generators and `${host:NAME}` / `${self}` references.

type Json = unknown;

const repeatKey = 'repeat';
const exprPattern = /\{([a-z])((?:[+\-*/%](?:\d+|[a-z]))*)(?::x(\d))?\}/g;

function evalExpr(value: number, ops: string, vars: Record<string, number>): number | null {
  let v = value;
  for (const [, op, operand = ''] of ops.matchAll(/([+\-*/%])(\d+|[a-z])/g)) {
    const k = /^\d/.test(operand) ? Number(operand) : vars[operand];
    if (k === undefined) return null;
    if (op === '+') v += k;
    else if (op === '-') v -= k;
    else if (op === '*') v *= k;
    else if (op === '/') v = Math.floor(v / k);
    else v %= k;
  }
  return v;
}

/**
 * Substitute `{i}`, `{i%100+1}`, `{b*75+j}`, `{i/256:x2}` (hex, zero-padded) in a string.
 * Arithmetic is left to right on integers; `/` floors. Unknown variables leave the text alone.
 */
export function substitute(text: string, vars: Record<string, number>): string {
  return text.replace(exprPattern, (whole, name: string, ops: string, hex?: string) => {
    const base = vars[name];
    if (base === undefined) return whole;
    const v = evalExpr(base, ops, vars);
    if (v === null) return whole;
    return hex ? v.toString(16).padStart(Number(hex), '0') : String(v);
  });
}

function isRepeat(
  item: Json,
): item is { repeat: { count: number; from?: number; var?: string }; template: Json } {
  if (typeof item !== 'object' || item === null || !(repeatKey in item) || !('template' in item))
    return false;
  const r = (item as { repeat: unknown }).repeat;
  return typeof r === 'object' && r !== null && Number.isInteger((r as { count?: unknown }).count);
}

/** Expand every `{repeat: {count, from?, var?}, template}` list item, recursively, substituting variables. */
export function expandRepeats(doc: Json, vars: Record<string, number> = {}): Json {
  if (typeof doc === 'string') return substitute(doc, vars);
  if (Array.isArray(doc)) {
    const out: Json[] = [];
    for (const item of doc) {
      if (isRepeat(item)) {
        const { count, from = 0, var: name = 'i' } = item.repeat;
        if (!/^[a-z]$/.test(name)) throw new Error(`repeat var must be one letter, got "${name}"`);
        for (let k = from; k < from + count; k++)
          out.push(expandRepeats(item.template, { ...vars, [name]: k }));
      } else out.push(expandRepeats(item, vars));
    }
    return out;
  }
  if (typeof doc === 'object' && doc !== null) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(doc)) out[substitute(k, vars)] = expandRepeats(v, vars);
    return out;
  }
  return doc;
}

/** Replace `${self}` and `${host:NAME}` in every string; `resolveHost` decides unknown hosts. */
export function resolveRefs(doc: Json, self: string, resolveHost: (name: string) => string): Json {
  if (typeof doc === 'string')
    return doc.replace(/\$\{(self|host:([a-z0-9-]+))\}/g, (_w, _all: string, host?: string) =>
      host ? resolveHost(host) : self,
    );
  if (Array.isArray(doc)) return doc.map((d) => resolveRefs(d, self, resolveHost));
  if (typeof doc === 'object' && doc !== null)
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, resolveRefs(v, self, resolveHost)]));
  return doc;
}
