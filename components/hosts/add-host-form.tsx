'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import styles from './hosts.module.css';
import { type TestOutcome, TestResult } from './test-result';

type Auth = 'key' | 'upload' | 'password' | 'agent';

/** Same bound as the server's (an RSA-16384 key is about 12 KiB). */
const MAX_KEY_CHARS = 64 * 1024;

/** Add-host form; after adding, the connection is tested at once so an unknown key can be trusted. */
/** The form's own names for the fields a refusal names. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  address: 'Address',
  port: 'Port',
  user: 'User',
  auth: 'Authentication',
  jumpHost: 'Jump host',
};

export function AddHostForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [auth, setAuth] = useState<Auth>('key');
  const [added, setAdded] = useState<{ id: string; name: string } | null>(null);
  // Uploaded key text: held only until the host is added, then cleared from the page.
  const [privateKey, setPrivateKey] = useState('');
  const [keyFileError, setKeyFileError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const add = useMutation(trpc.hosts.add.mutationOptions());
  const test = useMutation(trpc.hosts.test.mutationOptions());
  const refresh = useMutation(trpc.hosts.refresh.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });

  const runTest = async (id: string) => {
    setOutcome(null);
    const result = await test.mutateAsync({ id });
    setOutcome(result);
    if (result.ok) {
      await refresh.mutateAsync({ id }).catch(() => undefined);
      await invalidate();
    }
  };

  /** Reads the chosen file in the browser; only its text is sent, with the form. */
  const onKeyFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setKeyFileError(null);
    if (!file) return;
    if (file.size > MAX_KEY_CHARS) {
      setKeyFileError(`${file.name} is larger than 64 KiB: not a private key`);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setPrivateKey(String(reader.result ?? ''));
    reader.onerror = () => setKeyFileError(`cannot read ${file.name}`);
    reader.readAsText(file);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const passphrase = text('passphrase') ? { passphrase: text('passphrase') } : {};
    const authInput =
      auth === 'key'
        ? { method: 'key' as const, keyPath: text('keyPath'), ...passphrase }
        : auth === 'upload'
          ? { method: 'key' as const, privateKey, ...passphrase }
          : auth === 'password'
            ? { method: 'password' as const, password: String(f.get('password') ?? '') }
            : { method: 'agent' as const };
    // A refused host is shown from `add.error` below; the promise must not reject into the page.
    const host = await add
      .mutateAsync({
        name: text('name'),
        address: text('address'),
        port: Number(text('port') || 22),
        user: text('user') || 'root',
        auth: authInput,
        useSudo: f.get('useSudo') === 'on',
        jumpHost: text('jumpHost') || null,
      })
      .catch(() => null);
    if (!host) return;
    setPrivateKey('');
    await invalidate();
    setAdded({ id: host.id, name: host.name });
    await runTest(host.id).catch(() => undefined);
  };

  return (
    <>
      <form className={styles.form} onSubmit={(e) => void onSubmit(e)} aria-label="Add host">
        <label>
          Name
          <input name="name" required placeholder="compute-1" />
        </label>
        <label>
          Address
          <input name="address" required placeholder="192.0.2.10 or host.example" />
        </label>
        <label>
          Port
          <input name="port" type="number" min={1} max={65535} defaultValue={22} />
        </label>
        <label>
          User
          <input name="user" defaultValue="root" />
        </label>
        <label>
          Authentication
          <select name="auth" value={auth} onChange={(e) => setAuth(e.target.value as Auth)}>
            <option value="key">private key</option>
            <option value="upload">upload a private key</option>
            <option value="password">password</option>
            <option value="agent">ssh-agent</option>
          </select>
        </label>
        {auth === 'key' && (
          <>
            <label>
              Key path (on the server)
              <input name="keyPath" required placeholder="/root/.ssh/id_ed25519" />
            </label>
            <label>
              Key passphrase
              <input name="passphrase" type="password" autoComplete="off" />
            </label>
          </>
        )}
        {auth === 'upload' && (
          <>
            <label className={styles.wide}>
              Private key (OpenSSH or PEM; stored encrypted, never shown again)
              <textarea
                name="privateKey"
                required
                rows={4}
                maxLength={MAX_KEY_CHARS}
                spellCheck={false}
                autoComplete="off"
                value={privateKey}
                onChange={(e) => setPrivateKey(e.target.value)}
                placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
              />
            </label>
            <label>
              …or read it from a file
              <input type="file" onChange={onKeyFile} />
            </label>
            <label>
              Key passphrase
              <input name="passphrase" type="password" autoComplete="off" />
            </label>
          </>
        )}
        {auth === 'password' && (
          <label>
            Password
            <input name="password" type="password" required autoComplete="off" />
          </label>
        )}
        <label>
          Jump host
          <input name="jumpHost" placeholder="user@bastion:22" />
        </label>
        <label className={styles.check}>
          <input name="useSudo" type="checkbox" /> use sudo
        </label>
        <div className={styles.actions}>
          <button type="submit" disabled={add.isPending || test.isPending}>
            {add.isPending ? 'Adding…' : test.isPending ? 'Testing…' : 'Add and test connection'}
          </button>
          {added && (
            <button type="button" onClick={() => void runTest(added.id)} disabled={test.isPending}>
              Test connection again
            </button>
          )}
        </div>
      </form>
      {keyFileError && <div className={styles.error}>{keyFileError}</div>}
      {add.error && (
        <div className={styles.error} role="alert">
          {errorMessage(add.error, FIELD_LABELS)}
        </div>
      )}
      {test.error && (
        <div className={styles.error} role="alert">
          {errorMessage(test.error, FIELD_LABELS)}
        </div>
      )}
      {added && outcome && (
        <TestResult hostId={added.id} outcome={outcome} onTrusted={() => void runTest(added.id)} />
      )}
      {added && outcome?.ok && (
        <div className={styles.info}>
          {refresh.isPending ? `Reading ${added.name}…` : null}
          <a href={`/view?hosts=${encodeURIComponent(added.name)}`}>Open the view of {added.name}</a>
        </div>
      )}
    </>
  );
}
