import { describe, expect, it } from 'vitest';
import { splitJsonValues } from './json-values';

describe('splitJsonValues', () => {
  it('splits documents printed back to back, with or without whitespace between them', () => {
    expect(splitJsonValues('[{"a":1}]\n[]\n{"b":[2,3]}[4]\n')).toEqual({
      values: ['[{"a":1}]', '[]', '{"b":[2,3]}', '[4]'],
      rest: '',
    });
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    const doc = '[{"s":"a]b}\\"[{"}]';
    expect(splitJsonValues(`${doc}\n[1]`).values).toEqual([doc, '[1]']);
    expect(JSON.parse(splitJsonValues(doc).values[0] ?? '')).toEqual([{ s: 'a]b}"[{' }]);
  });

  it('returns non-JSON text and an unclosed value as rest', () => {
    expect(splitJsonValues('[1]\ndefault via 192.0.2.1 dev eth0\n')).toEqual({
      values: ['[1]'],
      rest: 'default via 192.0.2.1 dev eth0\n',
    });
    expect(splitJsonValues('[1] [{"a":')).toEqual({ values: ['[1]'], rest: '[{"a":' });
    expect(splitJsonValues('  ')).toEqual({ values: [], rest: '' });
  });
});
