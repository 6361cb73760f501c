'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import type { HostView } from '@/server/hosts/schema';
import { AuthFields } from './auth-fields';
import {
  type AuthChoice,
  FIELD_LABELS,
  formValuesOf,
  type HostFormValues,
  NEW_HOST,
  toHostInput,
  toHostUpdateInput,
} from './host-form-values';
import styles from './hosts.module.css';
import { type TestOutcome, TestResult } from './test-result';

/**
 * The host form: adds a host, or with `editing` changes one (hosts.update; secret fields left
 * empty keep the stored secrets). Either way the connection is tested at once, so an unknown key
 * (a new host, or a changed address or port) can be trusted on the spot. `onClose` gives the form
 * a Cancel button, and Escape.
 */
export function AddHostForm(props: { editing?: HostView; onClose?: () => void }) {
  const { editing, onClose } = props;
  const isEdit = editing !== undefined;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Taken once: the fields are uncontrolled, and the list refetching after a save must not reset them.
  const [initial] = useState<HostFormValues>(() => (editing ? formValuesOf(editing) : NEW_HOST));
  const [auth, setAuth] = useState<AuthChoice>(initial.auth);
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  // Uploaded key text: held only until the host is saved, then cleared from the page.
  const [privateKey, setPrivateKey] = useState('');
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const add = useMutation(trpc.hosts.add.mutationOptions());
  const update = useMutation(trpc.hosts.update.mutationOptions());
  const save = isEdit ? update : add;
  const test = useMutation(trpc.hosts.test.mutationOptions());
  const refresh = useMutation(trpc.hosts.refresh.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });
  const nameField = useRef<HTMLInputElement>(null);

  // The edit form opens below the inventory: focusing its first field also scrolls it into view.
  useEffect(() => {
    if (isEdit) nameField.current?.focus();
  }, [isEdit]);

  // A refused test (rate limit, host gone) is shown from `test.error`; it must not reject into the page.
  const runTest = async (id: string) => {
    setOutcome(null);
    const result = await test.mutateAsync({ id }).catch(() => null);
    if (!result) return;
    setOutcome(result);
    if (result.ok) {
      await refresh.mutateAsync({ id }).catch(() => undefined);
      await invalidate();
    }
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The result shown belongs to the last save: a refused one must not leave an older success up.
    setOutcome(null);
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '');
    const values: HostFormValues = {
      name: text('name'),
      address: text('address'),
      port: text('port'),
      user: text('user'),
      auth,
      keyPath: text('keyPath'),
      privateKey,
      passphrase: text('passphrase'),
      password: text('password'),
      jumpHost: text('jumpHost'),
      sshConfigAlias: text('sshConfigAlias'),
      labels: text('labels'),
      useSudo: f.get('useSudo') === 'on',
    };
    // A refusal is shown from `save.error` below; the promise must not reject into the page.
    const host = await (editing
      ? update.mutateAsync(toHostUpdateInput(editing.id, values))
      : add.mutateAsync(toHostInput(values))
    ).catch(() => null);
    if (!host) return;
    setPrivateKey('');
    // The inventory row shows the saved values before the test (which may wait on a key) is done.
    await invalidate();
    setSaved({ id: host.id, name: host.name });
    await runTest(host.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      onClose();
    }
  };

  const busy = save.isPending ? (isEdit ? 'Saving…' : 'Adding…') : test.isPending ? 'Testing…' : null;
  return (
    <>
      <form
        className={styles.form}
        onSubmit={(e) => void onSubmit(e)}
        onKeyDown={onKeyDown}
        aria-label={isEdit ? 'Edit host' : 'Add host'}
      >
        <label>
          Name
          <input ref={nameField} name="name" required placeholder="compute-1" defaultValue={initial.name} />
        </label>
        <label>
          Address
          <input
            name="address"
            required
            placeholder="192.0.2.10 or host.example"
            defaultValue={initial.address}
          />
        </label>
        <label>
          Port
          <input name="port" type="number" min={1} max={65535} defaultValue={initial.port} />
        </label>
        <label>
          User
          <input name="user" defaultValue={initial.user} />
        </label>
        <AuthFields
          auth={auth}
          onAuth={setAuth}
          keyPath={initial.keyPath}
          privateKey={privateKey}
          onPrivateKey={setPrivateKey}
          stored={editing?.auth}
        />
        <label>
          Jump host
          <input name="jumpHost" placeholder="user@bastion:22" defaultValue={initial.jumpHost} />
        </label>
        <label>
          SSH config alias
          <input
            name="sshConfigAlias"
            placeholder="a Host of ~/.ssh/config"
            defaultValue={initial.sshConfigAlias}
          />
        </label>
        <label>
          Labels
          <input name="labels" placeholder="rack-1, prod" defaultValue={initial.labels} />
        </label>
        <label className={styles.check}>
          <input name="useSudo" type="checkbox" defaultChecked={initial.useSudo} /> use sudo
        </label>
        <div className={styles.actions}>
          <button type="submit" disabled={save.isPending || test.isPending}>
            {busy ?? (isEdit ? 'Save and test' : 'Add and test connection')}
          </button>
          {saved && (
            <button type="button" onClick={() => void runTest(saved.id)} disabled={test.isPending}>
              Test connection again
            </button>
          )}
          {onClose && (
            <button type="button" onClick={onClose}>
              {saved ? 'Close' : 'Cancel'}
            </button>
          )}
        </div>
      </form>
      {save.error && (
        <div className={styles.error} role="alert">
          {errorMessage(save.error, FIELD_LABELS)}
        </div>
      )}
      {test.error && (
        <div className={styles.error} role="alert">
          {errorMessage(test.error, FIELD_LABELS)}
        </div>
      )}
      {saved && outcome && (
        <TestResult hostId={saved.id} outcome={outcome} onTrusted={() => void runTest(saved.id)} />
      )}
      {saved && outcome?.ok && (
        <div className={styles.info}>
          {refresh.isPending ? `Reading ${saved.name}…` : null}
          <a href={`/view?hosts=${encodeURIComponent(saved.name)}`}>Open the view of {saved.name}</a>
        </div>
      )}
    </>
  );
}
