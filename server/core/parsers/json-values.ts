/**
 * Splits text holding JSON values back to back (what `ip -json -batch` prints: one document per
 * command) into the text of each top-level value. It only tracks brackets and strings, so it is
 * fast on megabytes; each piece is still checked by JSON.parse later. Text between values that is
 * not JSON ends the scan and is returned as `rest`.
 */
export interface JsonValues {
  values: string[];
  /** Text from the first character that does not start a JSON array or object; '' when none. */
  rest: string;
}

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function splitJsonValues(text: string): JsonValues {
  const values: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) return { values, rest: '' };
    const first = text.charCodeAt(i);
    if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) return { values, rest: text.slice(i) };
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
      else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        depth--;
        if (depth === 0) break;
      }
    }
    // An unclosed value (output cut off) is handed back as rest.
    if (i >= n) return { values, rest: text.slice(start) };
    i++;
    values.push(text.slice(start, i));
  }
}
