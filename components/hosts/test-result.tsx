'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { adviceFor } from './advice';
import styles from './hosts.module.css';

export type TestOutcome =
  | { ok: true; latencyMs: number; connectMs: number; hostKey: { fingerprint: string; keyType: string } }
  | {
      ok: false;
      error: { code: string; message: string; endpoint?: string; fingerprint?: string; keyType?: string };
    };

/**
 * The answer of "Test connection": latency, or the failure with what to do. An unknown host key
 * shows its fingerprint and a "Trust this key" button (the server re-checks the key is presented).
 */
export function TestResult(props: { hostId: string; outcome: TestOutcome; onTrusted: () => void }) {
  const { hostId, outcome, onTrusted } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const trust = useMutation(
    trpc.hosts.trustHostKey.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });
        onTrusted();
      },
    }),
  );
  if (outcome.ok) {
    return (
      <div className={styles.info} data-testid="test-ok">
        Connected: command round trip <strong>{Math.round(outcome.latencyMs)} ms</strong> (connect{' '}
        {Math.round(outcome.connectMs)} ms). Host key {outcome.hostKey.keyType}{' '}
        <span className={styles.mono}>{outcome.hostKey.fingerprint}</span>
      </div>
    );
  }
  const e = outcome.error;
  const unknownKey = (e.code === 'HOST_KEY_UNKNOWN' || e.code === 'HOST_KEY_CHANGED') && e.fingerprint;
  return (
    <div className={unknownKey ? styles.warn : styles.error} data-testid="test-error">
      {/* An unknown key's message repeats the fingerprint shown below with its Trust button. */}
      <div>
        <strong>{e.code}</strong>
        {unknownKey ? '' : `: ${e.message}`}
      </div>
      <div>{adviceFor(e.code, unknownKey ? 'trust' : undefined)}</div>
      {unknownKey && e.fingerprint && (
        <div style={{ marginTop: 6 }}>
          {e.endpoint ?? 'The host'} presents a {e.keyType ?? ''} key with fingerprint{' '}
          <span className={styles.mono} data-testid="host-key-fingerprint">
            {e.fingerprint}
          </span>{' '}
          <button
            type="button"
            disabled={trust.isPending}
            onClick={() =>
              trust.mutate({
                id: hostId,
                fingerprint: e.fingerprint ?? '',
                ...(e.endpoint ? { endpoint: e.endpoint } : {}),
              })
            }
          >
            {trust.isPending ? 'Trusting…' : 'Trust this key'}
          </button>
          {trust.error && <div className={styles.error}>{trust.error.message}</div>}
        </div>
      )}
    </div>
  );
}
