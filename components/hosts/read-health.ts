import type { HostView } from '@/server/hosts/schema';
import { adviceFor } from './advice';

/**
 * A stored read older than this is **stale**: every view that shows it says so, and a view opened
 * by an operator reads such a host again (docs/ui.md, "Read health"). Five minutes: a topology
 * rarely changes faster than an operator looks twice, and an SSH read of every shown host on each
 * open would be a load on big hosts.
 */
export const STALE_AFTER_MS = 5 * 60_000;

/** How often shown ages are recomputed ("3 min ago" must not stay "10 s ago"). */
export const AGE_TICK_MS = 30_000;

/**
 * - `complete`: the last read came back whole and is recent;
 * - `partial`: it came back without some parts (status ok with PARTIAL_READ, partial-read.ts);
 * - `failed`: the last refresh could not read the host (the view may still show an older read);
 * - `stale`: the read shown is older than STALE_AFTER_MS (whole or partial);
 * - `never`: there is no read to show.
 */
export type ReadHealth = 'complete' | 'partial' | 'failed' | 'stale' | 'never';

export const HEALTH_LABEL: Record<ReadHealth, string> = {
  complete: 'ok',
  partial: 'partial',
  failed: 'failed',
  stale: 'stale',
  never: 'never read',
};

/** A moment said both ways: relative to now and as the reader's local time. */
export interface Age {
  iso: string;
  ms: number;
  /** "just now", "40 s ago", "3 min ago", "2 h ago", "yesterday", "3 days ago". */
  relative: string;
  /** Local time of day when it is today (in the zone used), else date and time. */
  absolute: string;
}

export interface ReadState {
  health: ReadHealth;
  label: string;
  /** The read shown: the stored model's collection time; null when there is none. */
  read: Age | null;
  /** The last refresh, whatever came of it; null when none was made. */
  attempt: Age | null;
  /** The read shown lacks parts (also said when it is stale). */
  partial: boolean;
  /** What went wrong in the last refresh (failed or partial) and what usually fixes it. */
  problem: { text: string; advice: string } | null;
  /**
   * Read it again when a view opens: nothing to show, or the last attempt is older than
   * STALE_AFTER_MS. A host that failed a moment ago is not tried again on every open.
   */
  dueForRefresh: boolean;
}

export interface ReadInput {
  lastRefresh: Pick<NonNullable<HostView['lastRefresh']>, 'status' | 'at' | 'error' | 'errorCode'> | null;
  /**
   * The stored model's `collectedAt`; null when no model is stored. Undefined where the model is
   * not loaded (the hosts page): the last successful refresh stands for it.
   */
  collectedAt?: string | null;
  now: number;
  /** Locale and zone of absolute times; the reader's own by default (tests fix them). */
  format?: { locale?: string; timeZone?: string };
}

/** Relative age text; a time in the future (a browser clock behind the server's) is "just now". */
export function relativeAge(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.floor(h / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function absoluteTime(at: Date, now: Date, format: ReadInput['format'] = {}): string {
  const opts: Intl.DateTimeFormatOptions = format.timeZone ? { timeZone: format.timeZone } : {};
  const sameDay = at.toLocaleDateString(format.locale, opts) === now.toLocaleDateString(format.locale, opts);
  return sameDay ? at.toLocaleTimeString(format.locale, opts) : at.toLocaleString(format.locale, opts);
}

export function ageOf(iso: string, now: number, format?: ReadInput['format']): Age {
  const at = new Date(iso);
  const ms = now - at.getTime();
  return { iso, ms, relative: relativeAge(ms), absolute: absoluteTime(at, new Date(now), format) };
}

/** The health of a host's read as of `now` (pure: the caller's clock is passed in). */
export function readState({ lastRefresh, collectedAt, now, format }: ReadInput): ReadState {
  const readIso =
    collectedAt !== undefined ? collectedAt : lastRefresh?.status === 'ok' ? lastRefresh.at : null;
  const read = readIso ? ageOf(readIso, now, format) : null;
  const attempt = lastRefresh ? ageOf(lastRefresh.at, now, format) : null;
  const partial = lastRefresh?.status === 'ok' && lastRefresh.errorCode !== null;
  const health: ReadHealth =
    lastRefresh?.status === 'error'
      ? 'failed'
      : !read
        ? 'never'
        : read.ms > STALE_AFTER_MS
          ? 'stale'
          : partial
            ? 'partial'
            : 'complete';
  const problem =
    lastRefresh && (lastRefresh.status === 'error' || partial)
      ? {
          text: lastRefresh.error ?? lastRefresh.errorCode ?? 'unknown error',
          advice: adviceFor(lastRefresh.errorCode),
        }
      : null;
  const last = attempt ?? read;
  return {
    health,
    label: HEALTH_LABEL[health],
    read,
    attempt,
    partial,
    problem,
    dueForRefresh: read === null || last === null || last.ms > STALE_AFTER_MS,
  };
}

/**
 * One line for the hosts whose reads are fine: "read 10 s ago (14:02:11)" for one host, each
 * host named for up to three, else the count and the oldest.
 */
export function agesLine(reads: readonly { name: string; read: Age }[]): string {
  if (reads.length === 0) return '';
  const [only] = reads;
  if (reads.length === 1 && only) return `read ${only.read.relative} (${only.read.absolute})`;
  if (reads.length <= 3)
    return `read: ${reads.map((r) => `${r.name} ${r.read.relative} (${r.read.absolute})`).join(', ')}`;
  const oldest = reads.reduce((a, b) => (b.read.ms > a.read.ms ? b : a));
  return `${reads.length} hosts read; oldest ${oldest.name} ${oldest.read.relative} (${oldest.read.absolute})`;
}
