'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '@/components/trpc/client';
import type { HostModel } from '@/server/core/model';
import { cascadeOf } from './cascade';
import type { DesiredView } from './desired';
import styles from './editor.module.css';
import { editSummary, type Pending, type PendingAction } from './pending';
import { Review } from './review';

export interface EditorPanelProps {
  hostId: string;
  /** The host as read: what a pending deletion takes with it is named from it. */
  live: HostModel;
  hostName: string;
  pending: Pending;
  dispatch: (a: PendingAction) => void;
  view: DesiredView;
  showDesired: boolean;
  setShowDesired: (v: boolean) => void;
  /** After an applied run: read the host again. */
  onApplied: () => void;
}

/** Edit mode's panel under the inspector: the legend, the pending edits, review and apply, history. */
export function EditorPanel(p: EditorPanelProps) {
  const { pending, dispatch, view } = p;
  const firstError = new Map<number, string>();
  for (const e of view.errors)
    if (!firstError.has(e.index)) firstError.set(e.index, `${e.field ? `${e.field}: ` : ''}${e.message}`);
  const cascades = useMemo(() => pending.edits.map((e) => cascadeOf(e, p.live)), [pending.edits, p.live]);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery(trpc.changes.runs.queryOptions({ hostId: p.hostId, limit: 10 }));
  const settled = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.changes.runs.queryKey() }),
    [queryClient, trpc],
  );
  const applied = useCallback(() => {
    dispatch({ type: 'load', state: { edits: [], past: [], future: [] } });
    p.onApplied();
  }, [dispatch, p.onApplied]);

  return (
    <div className={styles.panel} data-testid="editor-panel">
      <fieldset className={styles.legend}>
        <legend>Legend</legend>
        <span>
          <span className={`${styles.swatch} ${styles.added}`} />
          added
        </span>
        <span>
          <span className={`${styles.swatch} ${styles.removed}`} />
          removed
        </span>
        <span>
          <span className={`${styles.swatch} ${styles.changed}`} />
          changed
        </span>
        <label>
          <input
            type="checkbox"
            checked={p.showDesired}
            onChange={(e) => p.setShowDesired(e.target.checked)}
          />{' '}
          show desired
        </label>
      </fieldset>

      <section className={styles.section} aria-label="Pending changes" data-testid="pending">
        <div className={styles.row}>
          <h3>Pending changes ({pending.edits.length})</h3>
          {(
            [
              ['undo', 'Undo', 'Undo (Ctrl+Z)', pending.past.length === 0],
              ['redo', 'Redo', 'Redo (Ctrl+Shift+Z)', pending.future.length === 0],
              [
                'discard',
                'Discard all',
                'Drop every pending change (undo brings them back)',
                pending.edits.length === 0,
              ],
            ] as const
          ).map(([type, label, title, disabled]) => (
            <button
              key={type}
              type="button"
              onClick={() => dispatch({ type })}
              disabled={disabled}
              title={title}
            >
              {label}
            </button>
          ))}
        </div>
        {pending.edits.length === 0 && <p>No pending changes. Pick an action above.</p>}
        <ol className={styles.list}>
          {pending.edits.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: edits have no identity but their place.
            <li key={i} data-testid="pending-edit">
              <code>{editSummary(e)}</code>{' '}
              <button
                type="button"
                aria-label={`Remove pending change ${i + 1}`}
                onClick={() => dispatch({ type: 'remove', index: i })}
              >
                ×
              </button>
              {cascades[i]?.map((m) => (
                <div key={m} data-testid="cascade">
                  also: {m}
                </div>
              ))}
              {firstError.has(i) && (
                <div className={styles.error} role="alert">
                  {firstError.get(i)}
                </div>
              )}
              {i >= view.valid && !firstError.has(i) && (
                <div className={styles.error}>not drawn: an earlier change is refused</div>
              )}
            </li>
          ))}
        </ol>
      </section>

      <Review hostId={p.hostId} edits={pending.edits} onApplied={applied} onSettled={settled} />

      <section className={styles.section} aria-label="History of changes" data-testid="history">
        <h3>Changes to {p.hostName}</h3>
        {runs.data?.length === 0 && <p>None yet.</p>}
        <ul className={styles.list}>
          {(runs.data ?? []).map((r) => (
            <li key={r.id} data-testid="history-run">
              {new Date(r.startedAt).toLocaleString()} · {r.who} · <strong>{r.outcome ?? 'running'}</strong>
              {r.message ? ` · ${r.message}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
