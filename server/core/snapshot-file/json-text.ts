/**
 * JSON text → value, or where it stops being JSON. JSON.parse's messages differ between engines
 * and Node 20's often carry no position at all ("Unexpected token '}', ... is not valid JSON"),
 * so on failure the text is walked once by the grammar below to find the first bad character.
 */
export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

interface Stop {
  at: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

const shown = (text: string, at: number): string =>
  at >= text.length ? 'the end of the text' : JSON.stringify(text.slice(at, at + 1));

/** Where `text` stops being JSON, or null when it is JSON. Iterative: deep nesting cannot overflow. */
function firstJsonError(text: string): Stop | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
  };
  const stop = (expected: string): Stop => ({
    at: i,
    message: `expected ${expected}, found ${shown(text, i)}`,
  });
  const string = (): Stop | null => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return null;
      }
      if (c < ' ') return { at: i, message: 'control character inside a string (write it as an escape)' };
      if (c === '\\') {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return { at: i, message: 'bad \\u escape: four hex digits expected' };
          i += 6;
        } else if (ESCAPES.has(e)) i += 2;
        else return { at: i, message: `bad escape \\${e}` };
      } else i++;
    }
    return { at: i, message: 'unterminated string' };
  };
  /** A property name and its colon; the value follows. */
  const key = (): Stop | null => {
    skip();
    if (text.charAt(i) !== '"') return stop('a property name in double quotes');
    const bad = string();
    if (bad) return bad;
    skip();
    if (text.charAt(i) !== ':') return stop("':'");
    i++;
    return null;
  };
  /** Open containers, innermost last: what may follow a value depends on it. */
  const open: ('{' | '[')[] = [];
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      const c = text.charAt(i);
      if (c === '{' || c === '[') {
        open.push(c);
        i++;
        skip();
        const close = c === '{' ? '}' : ']';
        if (text.charAt(i) === close) {
          open.pop();
          i++;
          expectValue = false;
          continue;
        }
        const bad = c === '{' ? key() : null;
        if (bad) return bad;
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad) return bad;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return stop('a value');
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      continue;
    }
    const inner = open.at(-1);
    if (inner === undefined) return i < text.length ? stop('the end of the text') : null;
    const c = text.charAt(i);
    const close = inner === '{' ? '}' : ']';
    if (c === close) {
      open.pop();
      i++;
      continue;
    }
    if (c !== ',') return stop(`',' or '${close}'`);
    i++;
    expectValue = true;
    const bad = inner === '{' ? key() : null;
    if (bad) return bad;
  }
}

/** 1-based line and column of offset `at` (columns count UTF-16 units, as editors mostly do). */
function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: at - start + 1 };
}

/** Parses JSON text; a byte order mark (Windows editors write one) is not an error. */
export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const found = firstJsonError(body);
    // The walk accepts what JSON.parse accepts; should an engine still refuse (nesting past its
    // own limit), its message is all there is.
    if (!found) return { ok: false, line: 1, column: 1, message: (e as Error).message };
    return { ok: false, ...lineColumn(body, found.at), message: found.message };
  }
}
