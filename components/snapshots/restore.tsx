'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { PlanAndApply, useApplyRun } from '@/components/editor/apply-plan';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import styles from './snapshots.module.css';

/**
 * "Make the host look like this again": the server plans the snapshot's model of the host as the
 * target against a fresh read of it; the plan is shown as any plan (diff, warnings, commands) and
 * applied the same way, with its progress and outcome.
 */
export function RestorePanel({
  snapshotId,
  hostId,
  hostName,
  onClose,
}: {
  snapshotId: string;
  hostId: string;
  hostName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useMutation(trpc.snapshots.planRestore.mutationOptions());
  const onApplied = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() }),
    [queryClient, trpc],
  );
  const onSettled = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.changes.pathKey() }),
    [queryClient, trpc],
  );
  const apply = useApplyRun(onApplied, onSettled);
  const { mutate } = plan;
  const { reset } = apply;
  const planAgain = useCallback(() => {
    reset();
    mutate({ hostId, snapshotId });
  }, [reset, mutate, hostId, snapshotId]);
  // Opening the panel is asking for the plan.
  const planned = useRef(false);
  useEffect(() => {
    if (planned.current) return;
    planned.current = true;
    planAgain();
  }, [planAgain]);

  const view = plan.data;
  return (
    <section className={styles.restore} aria-label={`Restore ${hostName}`} data-testid="restore">
      <div className={styles.row} style={{ margin: 0 }}>
        <strong>Restore {hostName} to this snapshot</strong>
        <button type="button" onClick={planAgain} disabled={plan.isPending || apply.running}>
          {plan.isPending ? 'Planning…' : 'Plan again'}
        </button>
        <button type="button" onClick={onClose} disabled={apply.running}>
          Close
        </button>
      </div>
      {plan.error && (
        <pre className={styles.error} role="alert">
          {errorMessage(plan.error)}
        </pre>
      )}
      {view && view.plan.steps.length === 0 && (
        <p role="status">{hostName} already matches the snapshot: there is nothing to change.</p>
      )}
      {view && view.plan.steps.length > 0 && (
        <PlanAndApply
          view={view}
          apply={apply}
          heading={`Changes that make ${hostName} match the snapshot (read from the host just now)`}
          onPlanAgain={planAgain}
        />
      )}
    </section>
  );
}
