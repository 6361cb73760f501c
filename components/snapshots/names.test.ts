import { describe, expect, it } from 'vitest';
import { defaultSnapshotName, expiryHours, exportFileName, shareStatus } from './names';

describe('snapshot names', () => {
  it('offers the hosts and the local time as the name, counting hosts past three', () => {
    const at = new Date(2024, 4, 1, 9, 5);
    expect(defaultSnapshotName(['aio'], at)).toBe('aio 2024-05-01 09:05');
    expect(defaultSnapshotName(['a', 'b', 'c', 'd', 'e'], at)).toBe('a, b, c +2 2024-05-01 09:05');
    const long = defaultSnapshotName(['x'.repeat(63), 'y'.repeat(63), 'z'.repeat(63), 'w'], at);
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long).toMatch(/… \+1 2024-05-01 09:05$/);
  });

  it('names the export file after the snapshot and its day, with only safe characters', () => {
    expect(exportFileName('aio 2024-05-01 09:05', '2024-05-01T07:05:00.000Z')).toBe(
      'patchbay-aio_2024-05-01_09_05-2024-05-01.json',
    );
    expect(exportFileName('../../etc/passwd', '2024-05-01T07:05:00.000Z')).toBe(
      'patchbay-etc_passwd-2024-05-01.json',
    );
    expect(exportFileName('///', '2024-05-01T00:00:00Z')).toBe('patchbay-snapshot-2024-05-01.json');
  });
});

describe('share links', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  it('is active, expired or revoked', () => {
    expect(shareStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(shareStatus({ revokedAt: null, expiresAt: '2024-05-01T13:00:00Z' }, now)).toBe('active');
    expect(shareStatus({ revokedAt: null, expiresAt: '2024-05-01T12:00:00Z' }, now)).toBe('expired');
    expect(shareStatus({ revokedAt: '2024-04-30T00:00:00Z', expiresAt: '2024-04-30T01:00:00Z' }, now)).toBe(
      'revoked',
    );
  });

  it('turns days into hours and "never" into no expiry', () => {
    expect(expiryHours(3, 'hours')).toBe(3);
    expect(expiryHours(2, 'days')).toBe(48);
    expect(expiryHours(5, 'never')).toBeUndefined();
  });
});
