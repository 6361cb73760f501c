'use client';
import { type DragEvent, useDeferredValue, useMemo, useState } from 'react';
import { TopologyView } from '@/components/graph/topology-view';
import { useCan } from '@/components/session/session-context';
import { LocalTime } from '@/components/snapshots/local-time';
import type { HostModel } from '@/server/core/model';
import { HostName } from '@/server/hosts/schema';
import styles from './import.module.css';
import { readImportText } from './read-input';
import { SaveImport } from './save-import';
import { SectionReport } from './section-report';

const DEFAULT_HOST = 'pasted';

/**
 * `/import`: raw command output pasted (or a text file chosen or dropped) is read in the browser
 * by the same pure parsers as a collection, drawn and linted as any host; a snapshot file given
 * here opens as it is. Nothing is stored until an operator saves it as a snapshot.
 */
export function PasteImport({
  initial,
  testHandle,
}: {
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const canSave = useCan('operator');
  const [text, setText] = useState('');
  const [host, setHost] = useState(DEFAULT_HOST);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const hostCheck = HostName.safeParse(host);
  const hostName = hostCheck.success ? hostCheck.data : DEFAULT_HOST;
  // Typing stays responsive on a big paste: the reading follows a render behind.
  const deferred = useDeferredValue(text);
  const input = useMemo(
    () => readImportText(deferred, { now: new Date(), host: hostName }),
    [deferred, hostName],
  );
  const models = useMemo<HostModel[]>(
    () =>
      input.kind === 'paste'
        ? [input.model]
        : input.kind === 'file'
          ? input.file.hosts.map((h) => h.model)
          : [],
    [input],
  );

  const load = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    try {
      setText(await file.text());
    } catch (e) {
      setFileError(`${file.name} could not be read: ${(e as Error).message}`);
    }
  };
  const drop = (e: DragEvent) => {
    setDragging(false);
    // Dropped text goes into the box as usual; a dropped file replaces the box's text.
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void load(e.dataTransfer.files[0]);
  };

  const banner =
    input.kind === 'paste' ? (
      <span data-testid="paste-banner">
        Built from pasted text — partial: it holds only what was pasted (
        {input.model.origin?.kind === 'paste' && input.model.origin.parts.length > 0
          ? input.model.origin.parts.join(', ')
          : 'nothing read yet'}
        ){input.sections.some((s) => !s.recognised) ? '; some parts were not read (see the list)' : ''}. Not
        saved.
      </span>
    ) : input.kind === 'file' ? (
      <span data-testid="paste-banner">
        Snapshot file <strong>{input.file.name}</strong> — taken <LocalTime iso={input.file.takenAt} />
        {input.file.takenBy ? ` by ${input.file.takenBy}` : ''} ({input.file.source})
        {input.migratedFrom !== null ? `, migrated from schemaVersion ${input.migratedFrom}` : ''}. Not saved.
      </span>
    ) : undefined;

  return (
    <div className={styles.layout}>
      <aside className={styles.side} aria-label="Import">
        <h1>Import</h1>
        <p className={styles.muted}>
          Paste the output of <code>ovs-vsctl show</code>, <code>ovs-ofctl show BRIDGE</code>,{' '}
          <code>ovs-ofctl dump-flows BRIDGE</code>, <code>ip addr</code>, <code>ip link</code>,{' '}
          <code>ip route</code>, <code>ip netns</code> — with their prompt lines (
          <code># ovs-vsctl show</code>) when you have them. Or drop a text file or a Patchbay snapshot file
          here.
        </p>
        <label>
          Pasted output or snapshot file
          <textarea
            className={dragging ? styles.dragging : undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes('Files')) {
                e.preventDefault();
                setDragging(true);
              }
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
            spellCheck={false}
            data-testid="paste-text"
          />
        </label>
        <label>
          Or choose a file
          <input
            type="file"
            accept=".txt,.log,.json,text/plain,application/json"
            onChange={(e) => {
              void load(e.target.files?.[0]);
              e.target.value = '';
            }}
            data-testid="paste-file"
          />
        </label>
        {fileError && (
          <div className={styles.error} role="alert">
            {fileError}
          </div>
        )}
        {input.kind !== 'file' && (
          <label>
            Host name for the pasted outputs
            <input value={host} onChange={(e) => setHost(e.target.value)} aria-invalid={!hostCheck.success} />
          </label>
        )}
        {!hostCheck.success && input.kind !== 'file' && (
          <div className={styles.error} role="alert">
            Host name: {hostCheck.error.issues[0]?.message}. Drawn as “{DEFAULT_HOST}” meanwhile.
          </div>
        )}
        {input.kind === 'paste' && <SectionReport sections={input.sections} />}
        {input.kind === 'file-error' && (
          <div className={styles.error} role="alert" data-testid="file-errors">
            This looks like a snapshot file, but it cannot be read:
            <ul>
              {input.errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  {e.path ? <code>{e.path}</code> : 'the file'}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {input.kind === 'file' && input.warnings.length > 0 && (
          <p className={styles.muted}>
            {input.warnings.length} relation(s) in the file differ from what its models give; the models are
            what is drawn.
          </p>
        )}
        {canSave && (input.kind === 'paste' || input.kind === 'file') && (
          <SaveImport input={input} text={deferred} hostName={hostName} />
        )}
      </aside>
      <div className={styles.graph}>
        <TopologyView
          models={models}
          urlHosts={null}
          initial={initial}
          banner={banner}
          testHandle={testHandle}
        />
      </div>
    </div>
  );
}
