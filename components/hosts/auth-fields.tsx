'use client';
import { type ChangeEvent, useState } from 'react';
import type { HostView } from '@/server/hosts/schema';
import type { AuthChoice } from './host-form-values';
import styles from './hosts.module.css';

/** Same bound as the server's (an RSA-16384 key is about 12 KiB). */
const MAX_KEY_CHARS = 64 * 1024;

/** Beside a secret field when one is stored: the browser never sees it, so empty means "keep". */
function KeepHint(props: { stored: boolean | undefined }) {
  return props.stored ? <span className={styles.hint}>leave empty to keep the stored one</span> : null;
}

/**
 * The authentication part of the host form: the method and its fields. The uploaded key's text
 * is held by the form (it clears it once saved); `stored` (editing) says which secrets the host
 * already has, whose fields may then stay empty.
 */
export function AuthFields(props: {
  auth: AuthChoice;
  onAuth: (auth: AuthChoice) => void;
  keyPath: string;
  privateKey: string;
  onPrivateKey: (text: string) => void;
  stored: HostView['auth'] | undefined;
}) {
  const { auth, onAuth, keyPath, privateKey, onPrivateKey, stored } = props;
  const [keyFileError, setKeyFileError] = useState<string | null>(null);

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
    reader.onload = () => onPrivateKey(String(reader.result ?? ''));
    reader.onerror = () => setKeyFileError(`cannot read ${file.name}`);
    reader.readAsText(file);
  };

  const passphrase = (
    <label>
      Key passphrase <KeepHint stored={stored?.hasPassphrase} />
      <input name="passphrase" type="password" autoComplete="off" />
    </label>
  );
  return (
    <>
      <label>
        Authentication
        <select name="auth" value={auth} onChange={(e) => onAuth(e.target.value as AuthChoice)}>
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
            <input name="keyPath" required placeholder="/root/.ssh/id_ed25519" defaultValue={keyPath} />
          </label>
          {passphrase}
        </>
      )}
      {auth === 'upload' && (
        <>
          <label className={styles.wide}>
            Private key (OpenSSH or PEM; stored encrypted, never shown again){' '}
            <KeepHint stored={stored?.hasPrivateKey} />
            <textarea
              name="privateKey"
              required={!stored?.hasPrivateKey}
              rows={4}
              maxLength={MAX_KEY_CHARS}
              spellCheck={false}
              autoComplete="off"
              value={privateKey}
              onChange={(e) => onPrivateKey(e.target.value)}
              placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            />
          </label>
          <label>
            …or read it from a file
            <input type="file" onChange={onKeyFile} />
          </label>
          {keyFileError && <div className={styles.error}>{keyFileError}</div>}
          {passphrase}
        </>
      )}
      {auth === 'password' && (
        <label>
          Password <KeepHint stored={stored?.hasPassword} />
          <input name="password" type="password" required={!stored?.hasPassword} autoComplete="off" />
        </label>
      )}
    </>
  );
}
