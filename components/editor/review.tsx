'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { PlanAndApply, useApplyRun } from './apply-plan';
import styles from './editor.module.css';

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
  const apply = useApplyRun(onApplied, onSettled);

  const review = () => {
    apply.reset();
    plan.mutate({ hostId, edits });
  };
  const view = plan.data;

  return (
    <section className={styles.section} aria-label="Review" data-testid="review">
      <div className={styles.row}>
        <button
          type="button"
          onClick={review}
          disabled={edits.length === 0 || plan.isPending || apply.running}
        >
          {plan.isPending ? 'Planning…' : view ? 'Plan again' : 'Review plan'}
        </button>
      </div>
      {plan.error && (
        <pre className={`${styles.mono} ${styles.error}`} role="alert">
          {errorMessage(plan.error)}
        </pre>
      )}
      {view && (
        <PlanAndApply
          view={view}
          apply={apply}
          heading="Changes (read from the host just now)"
          onPlanAgain={review}
        />
      )}
    </section>
  );
}
