import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/view?hosts=a,b&select=x')).toBe('/view?hosts=a,b&select=x');
    expect(safeNextPath(['/hosts', '/other'])).toBe('/hosts');
  });

  it('sends anything else home', () => {
    for (const next of [
      null,
      undefined,
      '',
      'hosts',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '/\tevil',
      'javascript:alert(1)',
    ])
      expect(safeNextPath(next)).toBe('/');
    expect(safeNextPath([])).toBe('/');
  });
});
