'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import type { AppRouter } from '@/server/trpc/routers/_app';
import styles from './editor.module.css';

/** A plan as the API sends it (changes.plan, snapshots.planRestore). */
type PlanView = inferRouterOutputs<AppRouter>['changes']['plan'];

interface ProgressLine {
  phase: string;
  status: string;
  message: string;
}

/** A placeholder id for the disabled subscription (tRPC needs an input of the right shape). */
const NO_RUN = '00000000-0000-4000-8000-000000000000';

/**
 * The apply of one stored plan: starts it, follows its progress (SSE) and reads the run's outcome
 * once the stream says it is done. `onSettled` runs once per run, `onApplied` when it applied.
 */
export function useApplyRun(onApplied: () => void, onSettled: () => void) {
  const trpc = useTRPC();
  const apply = useMutation(trpc.changes.applyPlan.mutationOptions());
  const [runId, setRunId] = useState<string | null>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const [done, setDone] = useState(false);

  useSubscription(
    trpc.changes.progress.subscriptionOptions(
      { runId: runId ?? NO_RUN },
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

  const { mutate, reset: resetApply } = apply;
  const start = useCallback(
    (planId: string) => mutate({ planId }, { onSuccess: (r) => setRunId(r.runId) }),
    [mutate],
  );
  /** Forgets the shown run (before planning again). */
  const reset = useCallback(() => {
    setRunId(null);
    setLines([]);
    setDone(false);
    resetApply();
  }, [resetApply]);

  return {
    start,
    reset,
    starting: apply.isPending,
    startError: apply.error,
    runId,
    lines,
    /** A run was started and has not ended yet. */
    running: runId !== null && !done,
    run: run.data ?? null,
  };
}

export type ApplyRun = ReturnType<typeof useApplyRun>;

/**
 * A plan as the server made it (its text diff, warnings and the commands exactly as they will
 * run), the Apply button, the progress of the apply and its outcome: shared by the editor's
 * review and a snapshot's restore. `heading` says what the changes are against.
 */
export function PlanAndApply({
  view,
  apply,
  heading,
  onPlanAgain,
}: {
  view: PlanView;
  apply: ApplyRun;
  heading: string;
  onPlanAgain: () => void;
}) {
  const report = apply.run?.report ?? null;
  const failed = report?.units.find((u) => u.status === 'failed');
  return (
    <>
      {view.plan.steps.length > 0 && apply.runId === null && (
        <div className={styles.row}>
          <button type="button" onClick={() => apply.start(view.id)} disabled={apply.starting}>
            Apply {view.plan.steps.length} step(s)
          </button>
        </div>
      )}
      {apply.startError && (
        <p className={styles.error} role="alert">
          {errorMessage(apply.startError)}
        </p>
      )}
      <h3>{heading}</h3>
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
      {apply.lines.length > 0 && (
        <ol className={styles.list} data-testid="progress" aria-live="polite">
          {apply.lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log.
            <li key={i} className={l.status === 'fail' ? styles.error : undefined}>
              {l.phase} {l.status}: {l.message}
            </li>
          ))}
        </ol>
      )}
      {apply.run && (
        <div data-testid="outcome" data-outcome={apply.run.outcome ?? ''} role="status">
          <strong className={apply.run.outcome === 'applied' ? styles.ok : styles.error}>
            {OUTCOME_TEXT[apply.run.outcome ?? ''] ?? apply.run.outcome}
          </strong>{' '}
          {apply.run.message}
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
          {apply.run.outcome === 'refused' && (
            <button type="button" onClick={onPlanAgain}>
              Plan again on the host as it is now
            </button>
          )}
        </div>
      )}
    </>
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
