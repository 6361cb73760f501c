import { describe, expect, it } from 'vitest';
import { hostsShown, parseViewParams, viewSearch } from './url-state';

describe('view URL', () => {
  it('round-trips host set, selection, VLAN and search', () => {
    const p = parseViewParams({ hosts: 'aio,compute', select: 'aio|br:br-ex', vlan: '2', q: '192.0.2.1' });
    expect(p).toEqual({ hosts: ['aio', 'compute'], select: 'aio|br:br-ex', vlan: 2, q: '192.0.2.1' });
    expect(parseViewParams(Object.fromEntries(new URLSearchParams(viewSearch(p))))).toEqual(p);
  });

  it('ignores a VLAN that is not a number', () => {
    expect(parseViewParams({ vlan: 'x' }).vlan).toBeNull();
    expect(parseViewParams({ hosts: 'a', vlan: '5000' })).toEqual({
      hosts: ['a'],
      select: null,
      vlan: null,
      q: '',
    });
  });
});

describe('view URL inside another page', () => {
  it("keeps the page's own parameters and replaces the view's", () => {
    expect(viewSearch({ select: 'a|br:x', q: '' }, '?from=1&to=live&select=old&q=old')).toBe(
      '?from=1&to=live&select=a%7Cbr%3Ax',
    );
    expect(viewSearch({ hosts: ['a', 'b'] }, '?traffic=1')).toBe('?traffic=1&hosts=a,b');
    expect(viewSearch({ select: null }, '?select=gone')).toBe('');
  });

  it("shows the named hosts in the inventory's order, or every host", () => {
    const all = [{ name: 'b' }, { name: 'a' }, { name: 'c' }];
    expect(hostsShown(all, ['c', 'b', 'missing'])).toEqual([{ name: 'b' }, { name: 'c' }]);
    expect(hostsShown(all, null)).toBe(all);
    expect(hostsShown(all, [])).toEqual([]);
  });
});
