/**
 * Names and small texts of the snapshot pages, pure so they are tested without a browser.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024-05-01 14:03` in the browser's zone: what a person reads in a list of snapshots. */
export function localStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How many host names a default title lists before it counts the rest. */
const NAMED_HOSTS = 3;

/** Room for the hosts in a default name, well under the 200 a name may have, for the rest. */
const HOSTS_TEXT_MAX = 150;

/** The name a new snapshot is offered: its hosts and when, e.g. `aio, compute 2024-05-01 14:03`. */
export function defaultSnapshotName(hostNames: readonly string[], now: Date): string {
  const listed = hostNames.slice(0, NAMED_HOSTS).join(', ');
  const shown = listed.length > HOSTS_TEXT_MAX ? `${listed.slice(0, HOSTS_TEXT_MAX - 1)}…` : listed;
  const rest = hostNames.length - NAMED_HOSTS;
  return `${shown}${rest > 0 ? ` +${rest}` : ''} ${localStamp(now)}`.trim();
}

/**
 * `patchbay-<name>-<date>.json`: the name reduced to characters every file system takes, the
 * date (UTC day) of when it was taken.
 */
export function exportFileName(name: string, takenAt: string): string {
  const safe =
    name
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[_.]+|_+$/g, '')
      .slice(0, 80) || 'snapshot';
  return `patchbay-${safe}-${takenAt.slice(0, 10)}.json`;
}

export type ShareStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: a link revoked before it expired was revoked. */
export function shareStatus(
  link: { revokedAt: string | null; expiresAt: string | null },
  now: Date,
): ShareStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && new Date(link.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export type ExpiryUnit = 'never' | 'hours' | 'days';

/** The API's `expiresInHours` for a form's amount and unit; undefined = until revoked. */
export function expiryHours(amount: number, unit: ExpiryUnit): number | undefined {
  if (unit === 'never') return undefined;
  return unit === 'days' ? amount * 24 : amount;
}
