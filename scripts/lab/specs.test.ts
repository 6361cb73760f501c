import { describe, expect, it } from 'vitest';
import { parseSpecs } from './specs';
import { allocateOctet } from './state';

describe('parseSpecs', () => {
  it('supports scenario, scenario:name and scenario*N', () => {
    expect(parseSpecs(['empty', 'compute:cn2', 'large*2'])).toEqual([
      { scenario: 'empty', name: 'empty' },
      { scenario: 'compute', name: 'cn2' },
      { scenario: 'large', name: 'large-1' },
      { scenario: 'large', name: 'large-2' },
    ]);
  });
  it('rejects bad names and duplicates', () => {
    expect(() => parseSpecs(['Empty'])).toThrow(/bad scenario/);
    expect(() => parseSpecs(['empty:a-very-long-host-name-indeed'])).toThrow(/host name/);
    expect(() => parseSpecs(['empty', 'compute:empty'])).toThrow(/twice/);
    expect(() => parseSpecs(['empty*0'])).toThrow(/1..200/);
  });
});

describe('allocateOctet', () => {
  it('keeps an existing allocation and otherwise takes the lowest free octet', () => {
    expect(allocateOctet({ a: 5 }, 'a')).toBe(5);
    expect(allocateOctet({ a: 2, b: 4 }, 'c')).toBe(3);
    expect(allocateOctet({}, 'x')).toBe(2);
  });
});
