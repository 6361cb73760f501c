'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import styles from './editor.module.css';

interface ProgressLine {
  phase: string;
  status: string;
  message: string;
}

/**
 * Review and apply: the server plans the pending edits against a fresh read of the host (the
 * text diff, the commands grouped as they will run, the warnings), then applies that plan while
 * each phase streams in (SSE), and ends with the outcome — applied and verified, refused (drifted
 * objects named, plan again), rolled back (the failing step and its stderr), or incomplete.
 */
export function Review({
  hostId,
  edits,
  onApplied,
  onSettled,
}: {
  hostId: string;
  edits: unknown[];
  onApplied: () => void;
  onSettled: () => void;
}) {
  const trpc = useTRPC();
  const plan = useMutation(trpc.changes.plan.mutationOptions());
  const apply = useMutation(trpc.changes.applyPlan.mutationOptions());
  const [runId, setRunId] = useState<string | null>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const [done, setDone] = useState(false);

  useSubscription(
    trpc.changes.progress.subscriptionOptions(
      { runId: runId ?? '00000000-0000-4000-8000-000000000000' },
      {
        enabled: runId !== null && !done,
        onData: (e) => {
          setLines((old) => [...old, { phase: e.phase, status: e.status, message: e.message }]);
          if (e.phase === 'done') setDone(true);
        },
      },
    ),
  );
  const run = useQuery(
    trpc.changes.run.queryOptions({ id: runId ?? '' }, { enabled: runId !== null && done }),
  );
  const outcome = run.data?.outcome ?? null;
  // Once per run: the callbacks' identities may change while the run is shown.
  const settledRun = useRef<string | null>(null);
  useEffect(() => {
    if (!outcome || runId === null || settledRun.current === runId) return;
    settledRun.current = runId;
    onSettled();
    if (outcome === 'applied') onApplied();
  }, [outcome, runId, onApplied, onSettled]);

  const review = () => {
    setRunId(null);
    setLines([]);
    setDone(false);
    apply.reset();
    plan.mutate({ hostId, edits });
  };
  const view = plan.data;
  const report = run.data?.report ?? null;
  const failed = report?.units.find((u) => u.status === 'failed');

  return (
    <section className={styles.section} aria-label="Review" data-testid="review">
      <div className={styles.row}>
        <button
          type="button"
          onClick={review}
          disabled={edits.length === 0 || plan.isPending || (runId !== null && !done)}
        >
          {plan.isPending ? 'Planning…' : view ? 'Plan again' : 'Review plan'}
        </button>
        {view && view.plan.steps.length > 0 && runId === null && (
          <button
            type="button"
            onClick={() => apply.mutate({ planId: view.id }, { onSuccess: (r) => setRunId(r.runId) })}
            disabled={apply.isPending}
          >
            Apply {view.plan.steps.length} step(s)
          </button>
        )}
      </div>
      {plan.error && (
        <pre className={`${styles.mono} ${styles.error}`} role="alert">
          {errorMessage(plan.error)}
        </pre>
      )}
      {apply.error && (
        <p className={styles.error} role="alert">
          {errorMessage(apply.error)}
        </p>
      )}
      {view && (
        <>
          <h3>Changes (read from the host just now)</h3>
          <pre className={styles.mono} data-testid="plan-text">
            {view.text}
          </pre>
          {view.plan.warnings.length > 0 && (
            <ul className={styles.list} data-testid="plan-warnings">
              {view.plan.warnings.map((w) => (
                <li key={`${w.code}${w.message}`}>
                  <strong>{w.code}</strong>: {w.message}
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>Commands as they will run</summary>
            <pre className={styles.mono} data-testid="plan-commands">
              {view.commands}
            </pre>
          </details>
        </>
      )}
      {lines.length > 0 && (
        <ol className={styles.list} data-testid="progress" aria-live="polite">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log.
            <li key={i} className={l.status === 'fail' ? styles.error : undefined}>
              {l.phase} {l.status}: {l.message}
            </li>
          ))}
        </ol>
      )}
      {run.data && (
        <div data-testid="outcome" data-outcome={run.data.outcome ?? ''} role="status">
          <strong className={run.data.outcome === 'applied' ? styles.ok : styles.error}>
            {OUTCOME_TEXT[run.data.outcome ?? ''] ?? run.data.outcome}
          </strong>{' '}
          {run.data.message}
          {report && report.drift.length > 0 && (
            <ul className={styles.list}>
              {report.drift.map((d) => (
                <li key={d.id}>changed on the host: {d.label}</li>
              ))}
            </ul>
          )}
          {failed && (
            <p>
              Failed step: <code>{failed.commands[0]?.argv.join(' ')}</code> {failed.stderr}
            </p>
          )}
          {run.data.outcome === 'refused' && (
            <button type="button" onClick={review}>
              Plan again on the host as it is now
            </button>
          )}
        </div>
      )}
    </section>
  );
}

const OUTCOME_TEXT: Record<string, string> = {
  applied: 'Applied and verified.',
  refused: 'Refused: nothing was changed.',
  conflict: 'Another apply is running on this host.',
  'rolled-back': 'Rolled back: the host is back at its base.',
  'rollback-incomplete': 'Rollback incomplete: act now.',
  reverted: 'Reverted by the lockout guard.',
  interrupted: 'Interrupted.',
};
