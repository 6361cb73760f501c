import { describe, expect, it } from 'vitest';
import { liveHosts } from './live-hosts';

describe('liveHosts', () => {
  const inventory = [
    { id: 'id-a', name: 'a' },
    { id: 'id-b2', name: 'b' },
  ];
  it('finds a host by the id it was taken from, else by its name, and names the ones gone', () => {
    expect(
      liveHosts(
        [
          { name: 'a', hostId: 'id-a' },
          { name: 'b', hostId: 'id-b-old' },
          { name: 'c', hostId: null },
        ],
        inventory,
      ),
    ).toEqual({ ids: ['id-a', 'id-b2'], missing: ['c'] });
  });
  it('prefers the id when a host was renamed since', () => {
    expect(liveHosts([{ name: 'old-name', hostId: 'id-b2' }], inventory)).toEqual({
      ids: ['id-b2'],
      missing: [],
    });
  });
});
