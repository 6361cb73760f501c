import { describe, expect, it } from 'vitest';
import { adviceFor } from './advice';
import { ageOf, agesLine, readState, relativeAge, STALE_AFTER_MS } from './read-health';

const NOW = Date.parse('2024-05-02T14:15:00.000Z');
const format = { locale: 'en-GB', timeZone: 'UTC' };
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const ok = (at: string, partial?: string) => ({
  status: 'ok' as const,
  at,
  error: partial ?? null,
  errorCode: partial ? 'PARTIAL_READ' : null,
});
const failed = (at: string) => ({
  status: 'error' as const,
  at,
  error: 'connect ECONNREFUSED',
  errorCode: 'CONNECT_FAILED',
});

describe('relativeAge', () => {
  it.each([
    [-30_000, 'just now'],
    [0, 'just now'],
    [4_999, 'just now'],
    [10_000, '10 s ago'],
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3 * 60_000 + 59_000, '3 min ago'],
    [60 * 60_000, '1 h ago'],
    [23 * 3_600_000 + 59 * 60_000, '23 h ago'],
    [24 * 3_600_000, 'yesterday'],
    [47 * 3_600_000, 'yesterday'],
    [3 * 24 * 3_600_000, '3 days ago'],
  ])('%i ms → %s', (ms, text) => {
    expect(relativeAge(ms)).toBe(text);
  });
});

describe('ageOf', () => {
  it('gives the local time of day for today, the date as well for an older day', () => {
    expect(ageOf('2024-05-02T14:02:11.000Z', NOW, format)).toEqual({
      iso: '2024-05-02T14:02:11.000Z',
      ms: 12 * 60_000 + 49_000,
      relative: '12 min ago',
      absolute: '14:02:11',
    });
    expect(ageOf('2024-05-01T23:59:00.000Z', NOW, format).absolute).toBe('01/05/2024, 23:59:00');
    // "Today" is the reader's day: in New York 01:00Z on the 2nd is still the 1st.
    expect(
      ageOf('2024-05-02T01:00:00.000Z', NOW, { locale: 'en-GB', timeZone: 'America/New_York' }).absolute,
    ).toBe('01/05/2024, 21:00:00');
  });
});

describe('readState', () => {
  it('is complete for a whole recent read, with its age', () => {
    const s = readState({ lastRefresh: ok(ago(10_000)), collectedAt: ago(9_000), now: NOW, format });
    expect(s).toMatchObject({ health: 'complete', label: 'ok', partial: false, problem: null });
    expect(s.read?.relative).toBe('9 s ago');
    expect(s.attempt?.relative).toBe('10 s ago');
    expect(s.dueForRefresh).toBe(false);
  });

  it('is stale past the threshold, not at it', () => {
    const at = (ms: number) => readState({ lastRefresh: ok(ago(ms)), collectedAt: ago(ms), now: NOW });
    expect(at(STALE_AFTER_MS).health).toBe('complete');
    expect(at(STALE_AFTER_MS).dueForRefresh).toBe(false);
    expect(at(STALE_AFTER_MS + 1).health).toBe('stale');
    expect(at(STALE_AFTER_MS + 1).label).toBe('stale');
    expect(at(STALE_AFTER_MS + 1).dueForRefresh).toBe(true);
  });

  it('is partial with what is missing and the likely fix; an old partial read is stale and still partial', () => {
    const summary = '1 part could not be read (ovsdb: permission denied)';
    const fresh = readState({ lastRefresh: ok(ago(60_000), summary), collectedAt: ago(60_000), now: NOW });
    expect(fresh).toMatchObject({
      health: 'partial',
      label: 'partial',
      partial: true,
      problem: { text: summary, advice: adviceFor('PARTIAL_READ') },
    });
    expect(fresh.problem?.advice).toMatch(/sudo/);
    const old = readState({
      lastRefresh: ok(ago(3_600_000), summary),
      collectedAt: ago(3_600_000),
      now: NOW,
    });
    expect(old).toMatchObject({ health: 'stale', partial: true, problem: { text: summary } });
  });

  it('is failed when the last refresh failed, keeping the age of the last good read', () => {
    const s = readState({ lastRefresh: failed(ago(30_000)), collectedAt: ago(2 * 3_600_000), now: NOW });
    expect(s).toMatchObject({
      health: 'failed',
      label: 'failed',
      partial: false,
      problem: { text: 'connect ECONNREFUSED', advice: adviceFor('CONNECT_FAILED') },
    });
    expect(s.read?.relative).toBe('2 h ago');
    // It was tried half a minute ago: opening a view does not try again at once.
    expect(s.dueForRefresh).toBe(false);
    const long = readState({ lastRefresh: failed(ago(STALE_AFTER_MS + 1)), collectedAt: null, now: NOW });
    expect(long).toMatchObject({ health: 'failed', read: null, dueForRefresh: true });
  });

  it('is never when there is nothing to show, and such a host is due', () => {
    expect(readState({ lastRefresh: null, collectedAt: null, now: NOW })).toMatchObject({
      health: 'never',
      label: 'never read',
      read: null,
      attempt: null,
      problem: null,
      dueForRefresh: true,
    });
    // A host that failed its only read a moment ago has nothing to show: due as well.
    expect(readState({ lastRefresh: failed(ago(1_000)), collectedAt: null, now: NOW }).dueForRefresh).toBe(
      true,
    );
  });

  it('takes the last good refresh as the read where the model is not loaded (the hosts page)', () => {
    const s = readState({ lastRefresh: ok(ago(3 * 60_000)), now: NOW, format });
    expect(s.health).toBe('complete');
    expect(s.read?.relative).toBe('3 min ago');
    const f = readState({ lastRefresh: failed(ago(3 * 60_000)), now: NOW });
    expect(f.read).toBeNull();
    expect(f.attempt?.relative).toBe('3 min ago');
  });
});

describe('agesLine', () => {
  const read = (name: string, ms: number) => ({ name, read: ageOf(ago(ms), NOW, format) });

  it('is compact: one host, a few named, or the count and the oldest', () => {
    expect(agesLine([])).toBe('');
    expect(agesLine([read('aio', 10_000)])).toBe('read 10 s ago (14:14:50)');
    expect(agesLine([read('aio', 10_000), read('compute', 120_000)])).toBe(
      'read: aio 10 s ago (14:14:50), compute 2 min ago (14:13:00)',
    );
    expect(agesLine([read('a', 1_000), read('b', 240_000), read('c', 2_000), read('d', 3_000)])).toBe(
      '4 hosts read; oldest b 4 min ago (14:11:00)',
    );
  });
});
