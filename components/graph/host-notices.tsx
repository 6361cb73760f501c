'use client';
import type { ReactNode } from 'react';
import { agesLine, type ReadState, readState } from '@/components/hosts/read-health';
import { useNow } from '@/components/hosts/use-now';
import type { HostView } from '@/server/hosts/schema';
import styles from './host-notices.module.css';

/** One shown host as the view knows it. */
export interface HostEntry {
  id: string;
  name: string;
  lastRefresh: HostView['lastRefresh'];
  /** The stored model's collection time: undefined while it loads, null when none is stored. */
  collectedAt: string | null | undefined;
  /** Its stored model could not be loaded. */
  loadError: string | null;
  /** A refresh of it is under way. */
  reading: boolean;
  /** The refresh request itself failed (the server, the network), not the read of the host. */
  requestError: string | null;
}

/** Where a host is, on the Hosts page: its row (to check its address, test it or remove it). */
export const hostsPageHref = (name: string) => `/hosts#host-${encodeURIComponent(name)}`;

function Actions({
  entry,
  onRetry,
  retry,
}: {
  entry: HostEntry;
  onRetry?: (id: string) => void;
  retry: string;
}) {
  return (
    <span className={styles.actions}>
      {onRetry && (
        <button type="button" onClick={() => onRetry(entry.id)} disabled={entry.reading}>
          {entry.reading ? 'Reading…' : retry}
        </button>
      )}
      <a href={hostsPageHref(entry.name)}>{entry.name} on the Hosts page</a>
    </span>
  );
}

function failedText(e: HostEntry, s: ReadState): ReactNode {
  return (
    <>
      <strong>{e.name}</strong> could not be read
      {s.attempt ? ` at ${s.attempt.absolute} (${s.attempt.relative})` : ''}: {s.problem?.text}.{' '}
      {s.problem?.advice}
    </>
  );
}

/**
 * What the view says above the graph about each host's read: one compact line with the age of
 * every host read whole and recently; a line per stale, partial or failed host with its age
 * (relative and local time) and what to do; which hosts are being read. Ages tick every 30 s.
 * Hosts with nothing to show are said on the canvas instead when nothing is drawn (UnreadHosts).
 */
export function HostNotices({
  entries,
  nothingDrawn,
  canRefresh,
  onRetry,
}: {
  entries: readonly HostEntry[];
  nothingDrawn: boolean;
  canRefresh: boolean;
  onRetry?: (id: string) => void;
}) {
  const now = useNow();
  const fresh: { name: string; read: NonNullable<ReadState['read']> }[] = [];
  const lines: ReactNode[] = [];
  for (const e of entries) {
    if (e.requestError)
      lines.push(
        <div key={`${e.id}-request`} className={styles.error} data-testid="host-error">
          {e.name}: the refresh request failed: {e.requestError}
        </div>,
      );
    if (e.loadError) {
      lines.push(
        <div key={e.id} className={styles.error} data-testid="host-error">
          {e.name}: could not load its model: {e.loadError}
        </div>,
      );
      continue;
    }
    if (e.collectedAt === undefined) continue;
    const s = readState({ lastRefresh: e.lastRefresh, collectedAt: e.collectedAt, now });
    if (s.health === 'complete' && s.read) fresh.push({ name: e.name, read: s.read });
    else if (e.collectedAt === null && nothingDrawn) continue;
    else if (s.health === 'failed')
      lines.push(
        <div key={e.id} className={styles.error} data-testid="host-error">
          {failedText(e, s)}
          {s.read ? ` The graph shows its last good read, from ${s.read.relative} (${s.read.absolute}).` : ''}
          <Actions entry={e} retry="Retry" {...(onRetry ? { onRetry } : {})} />
        </div>,
      );
    else if (s.health === 'stale' && s.read)
      lines.push(
        <div key={e.id} className={styles.warn} data-testid="host-stale">
          <strong>{e.name}</strong> — read {s.read.relative} ({s.read.absolute}) · stale
          {e.reading ? ' · reading…' : ''}
          {s.partial && s.problem ? ` · partial: ${s.problem.text}. ${s.problem.advice}` : ''}
        </div>,
      );
    else if (s.health === 'partial' && s.read)
      lines.push(
        <div key={e.id} className={styles.warn} data-testid="host-partial">
          <strong>{e.name}</strong> was read in part {s.read.relative} ({s.read.absolute}): {s.problem?.text}.{' '}
          {s.problem?.advice}
        </div>,
      );
    else if (s.health === 'never')
      lines.push(
        <div key={e.id} className={styles.note}>
          {e.name}: {canRefresh ? 'collecting its first read…' : 'not read yet; an operator can refresh it.'}
        </div>,
      );
  }
  const reading = entries.filter((e) => e.reading).map((e) => e.name);
  const ages = agesLine(fresh);
  return (
    <>
      {(ages || reading.length > 0) && (
        <div className={styles.ages}>
          {ages && <span data-testid="read-ages">{ages}</span>}
          {ages && reading.length > 0 && ' · '}
          <span role="status" data-testid="reading">
            {reading.length > 0 ? `reading ${reading.join(', ')}…` : ''}
          </span>
        </div>
      )}
      {lines}
    </>
  );
}

/**
 * The canvas when nothing can be drawn: each host without a stored model, why (its last
 * refresh's error and what usually fixes it), Retry for operators and its row on the Hosts page.
 */
export function UnreadHosts({
  entries,
  canRefresh,
  onRetry,
}: {
  entries: readonly HostEntry[];
  canRefresh: boolean;
  onRetry?: (id: string) => void;
}) {
  const now = useNow();
  const unread = entries.filter((e) => e.collectedAt === null);
  if (unread.length === 0) return null;
  return (
    <div className={styles.unread}>
      {unread.map((e) => {
        const s = readState({ lastRefresh: e.lastRefresh, collectedAt: null, now });
        return (
          <p key={e.id} data-testid="host-unread">
            {s.health === 'failed' ? (
              failedText(e, s)
            ) : (
              <>
                <strong>{e.name}</strong> has not been read yet
                {canRefresh ? '.' : '; an operator can refresh it.'}
              </>
            )}
            <Actions
              entry={e}
              retry={s.health === 'failed' ? 'Retry' : 'Read now'}
              {...(onRetry ? { onRetry } : {})}
            />
          </p>
        );
      })}
    </div>
  );
}
