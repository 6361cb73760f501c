import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-text';

const stop = (text: string) => {
  const r = parseJsonText(text);
  return r.ok ? null : `${r.line}:${r.column} ${r.message}`;
};

describe('parseJsonText', () => {
  it('parses JSON, with or without a byte order mark', () => {
    expect(parseJsonText(' {"a": [1, -2.5e3, "x\\u00e9\\n", true, false, null, {}]} ')).toEqual({
      ok: true,
      value: { a: [1, -2500, 'xé\n', true, false, null, {}] },
    });
    expect(parseJsonText('\uFEFF[]')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['', '1:1 expected a value, found the end of the text'],
    ['[1,2,]', '1:6 expected a value, found "]"'],
    ['{"a": 1,\n  }', '2:3 expected a property name in double quotes, found "}"'],
    ["{'a': 1}", '1:2 expected a property name in double quotes, found "\'"'],
    ['{"a" 1}', '1:6 expected \':\', found "1"'],
    ['{"a": 1 "b": 2}', "1:9 expected ',' or '}', found \"\\\"\""],
    ['[1 2]', "1:4 expected ',' or ']', found \"2\""],
    ['{"a": "tab\there"}', '1:11 control character inside a string (write it as an escape)'],
    ['"\\x"', '1:2 bad escape \\x'],
    ['"\\u12g4"', '1:2 bad \\u escape: four hex digits expected'],
    ['"open', '1:6 unterminated string'],
    ['{} extra', '1:4 expected the end of the text, found "e"'],
    ['[01]', "1:3 expected ',' or ']', found \"1\""],
    ['[NaN]', '1:2 expected a value, found "N"'],
    ['{"a":\n\n   tru}', '3:4 expected a value, found "t"'],
  ])('%j stops at %s', (text, expected) => {
    expect(stop(text)).toBe(expected);
  });

  it('finds the end of deeply nested unclosed text without overflowing the stack', () => {
    expect(stop('['.repeat(100_000))).toBe('1:100001 expected a value, found the end of the text');
  });
});
