/**
 * Splits on `sep` outside (), [] and double quotes — OpenFlow actions nest all three. Parts are
 * trimmed; empty parts are dropped unless `keepEmpty` (positional arguments such as `resubmit(,2)`).
 */
export function splitTopLevel(text: string, sep = ',', keepEmpty = false): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  const trimmed = parts.map((p) => p.trim());
  return keepEmpty ? trimmed : trimmed.filter((p) => p !== '');
}

/** Removes the quotes ovs-ofctl --names puts around port names that need them. */
export function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

/** A bridge's Flow_Table names → table numbers (OVSDB), for tables ovs-ofctl prints by name. */
export type TableNames = Readonly<Record<string, number>>;

/**
 * A table as ovs-ofctl prints it: a number, or a Flow_Table name (quoted when not alphanumeric).
 * A name the map does not resolve keeps only `tableName`; empty text (resubmit(1,)) gives neither.
 */
export function tableRef(text: string, names: TableNames): { table?: number; tableName?: string } {
  const t = text.trim();
  if (t === '') return {};
  if (/^\d+$/.test(t)) return { table: Number(t) };
  const tableName = unquote(t);
  // hasOwn: a name such as `constructor` must not resolve through Object.prototype.
  const table = Object.hasOwn(names, tableName) ? names[tableName] : undefined;
  return table === undefined ? { tableName } : { table, tableName };
}
