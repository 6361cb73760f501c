'use client';
import { useEffect, useRef, useState } from 'react';
import styles from './snapshots.module.css';

/** The new link in full, once: copy it now (only its hash is stored). */
export function ShareUrl({ path, expiresAt }: { path: string; expiresAt: string | null }) {
  const [url, setUrl] = useState(path);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The origin the browser reached the dashboard by is the one the link works at.
  useEffect(() => setUrl(`${window.location.origin}${path}`), [path]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (a plain-http address other than localhost): leave it selected to copy by hand.
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <div className={styles.ok} role="status">
      <div className={styles.row} style={{ margin: 0 }}>
        <input
          ref={input}
          className={styles.url}
          readOnly
          value={url}
          aria-label="Share link"
          data-testid="share-url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        {copied === 'yes' && <span>Copied.</span>}
        {copied === 'no' && <span>Selected: press Ctrl+C to copy it.</span>}
      </div>
      <div className={styles.muted}>
        Copy it now: it is shown only this once. Anyone with the link sees this read-only, without signing in,{' '}
        {expiresAt ? `until ${new Date(expiresAt).toLocaleString()}` : 'until it is revoked'}.
      </div>
    </div>
  );
}
