'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { LocalTime } from './local-time';
import styles from './snapshots.module.css';

const PERIODS: [number, string][] = [
  [15, 'every 15 minutes'],
  [60, 'every hour'],
  [6 * 60, 'every 6 hours'],
  [24 * 60, 'every day'],
  [7 * 24 * 60, 'every week'],
];

const periodText = (minutes: number) =>
  PERIODS.find(([m]) => m === minutes)?.[1] ?? `every ${minutes} minutes`;

/**
 * A host's scheduled snapshots, on its history page: the period and the next one, and for
 * operators a control to set or stop it (the server takes them: server/snapshots/scheduler.ts).
 */
export function HostSchedule({ hostId, hostName }: { hostId: string; hostName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canSet = useCan('operator');
  const schedules = useQuery(trpc.snapshots.schedules.queryOptions());
  const set = useMutation(trpc.snapshots.schedule.mutationOptions());
  const current = schedules.data?.find((s) => s.hostId === hostId) ?? null;
  const [choice, setChoice] = useState<string>(String(current?.everyMinutes ?? 60));

  const save = async (everyMinutes: number | null) => {
    await set.mutateAsync({ hostId, everyMinutes });
    await queryClient.invalidateQueries({ queryKey: trpc.snapshots.schedules.queryKey() });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(Number(choice)).catch(() => {});
  };

  return (
    <section aria-label="Scheduled snapshots" data-testid="host-schedule">
      <p>
        Scheduled snapshots of {hostName}:{' '}
        {current ? (
          <>
            <strong>{periodText(current.everyMinutes)}</strong>, next <LocalTime iso={current.nextAt} />
          </>
        ) : (
          <strong>off</strong>
        )}
      </p>
      {canSet && (
        <form className={styles.form} onSubmit={submit} aria-label="Schedule snapshots">
          <label>
            Take one
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              {PERIODS.map(([m, text]) => (
                <option key={m} value={m}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={set.isPending}>
            {current ? 'Change' : 'Schedule'}
          </button>
          {current && (
            <button type="button" disabled={set.isPending} onClick={() => void save(null).catch(() => {})}>
              Stop
            </button>
          )}
        </form>
      )}
      {set.error && (
        <div className={styles.error} role="alert">
          Could not change the schedule: {errorMessage(set.error)}
        </div>
      )}
    </section>
  );
}
