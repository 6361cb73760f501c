'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, Fragment, useState } from 'react';
import { when } from '@/components/admin/when';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { UpdateSnapshotInput } from '@/server/snapshots/schema';
import type { SnapshotMeta } from '@/server/snapshots/store';
import { CreateShare } from './create-share';
import { downloadSnapshotFile } from './export';
import { ShareList } from './share-list';
import styles from './snapshots.module.css';

const COLUMNS = 7;

/** One snapshot of the list, with its share links and (operators) its edit form below it when opened. */
export function SnapshotRow({
  snapshot: s,
  picked,
  onPick,
  names,
}: {
  snapshot: SnapshotMeta;
  picked: boolean;
  onPick: (on: boolean) => void;
  names: ReadonlyMap<string, string>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canOperate = useCan('operator');
  const [open, setOpen] = useState<'share' | 'edit' | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() });
  const remove = useMutation(trpc.snapshots.remove.mutationOptions({ onSuccess: invalidate }));
  const [exportError, setExportError] = useState<string | null>(null);

  const exportFile = async () => {
    setExportError(null);
    try {
      const { meta, models } = await queryClient.fetchQuery(trpc.snapshots.get.queryOptions({ id: s.id }));
      downloadSnapshotFile(meta, models);
    } catch (e) {
      setExportError(`Export failed: ${errorMessage(e)}`);
    }
  };
  const toggle = (what: 'share' | 'edit') => setOpen((o) => (o === what ? null : what));

  return (
    <Fragment>
      <tr data-testid="snapshot-row" data-snapshot={s.id}>
        <td>
          <input
            type="checkbox"
            checked={picked}
            onChange={(e) => onPick(e.target.checked)}
            aria-label={`Compare ${s.name}`}
          />
        </td>
        <td>
          <a href={`/snapshots/${s.id}`}>{s.name}</a>
          {s.note && <div className={styles.noteText}>{s.note}</div>}
        </td>
        <td>{when(s.takenAt)}</td>
        <td>{s.who}</td>
        <td>{s.source}</td>
        <td>
          {s.hosts.map((h, i) => (
            <Fragment key={h.name}>
              {i > 0 && ', '}
              <a href={`/snapshots?host=${encodeURIComponent(h.name)}`} title={`History of ${h.name}`}>
                {h.name}
              </a>
            </Fragment>
          ))}
        </td>
        <td className={styles.actions}>
          {canOperate && <a href={`/snapshots/compare?from=${s.id}&to=live`}>Compare with live</a>}
          <button type="button" onClick={() => void exportFile()}>
            Export
          </button>
          <button type="button" aria-expanded={open === 'share'} onClick={() => toggle('share')}>
            Share links
          </button>
          {canOperate && (
            <>
              <button type="button" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
                Rename / note
              </button>
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete the snapshot "${s.name}"? Its share links stop working.`))
                    remove.mutate({ id: s.id });
                }}
              >
                Delete
              </button>
            </>
          )}
        </td>
      </tr>
      {(exportError || remove.error) && (
        <tr>
          <td colSpan={COLUMNS}>
            <div className={styles.error} role="alert">
              {exportError ?? `Delete failed: ${errorMessage(remove.error)}`}
            </div>
          </td>
        </tr>
      )}
      {open === 'share' && (
        <tr>
          <td colSpan={COLUMNS} data-testid="share-panel">
            {canOperate && <CreateShare snapshotId={s.id} />}
            <ShareList snapshotId={s.id} names={names} />
          </td>
        </tr>
      )}
      {open === 'edit' && canOperate && (
        <tr>
          <td colSpan={COLUMNS}>
            <EditSnapshot snapshot={s} onDone={() => setOpen(null)} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function EditSnapshot({ snapshot: s, onDone }: { snapshot: SnapshotMeta; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.snapshots.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.snapshots.pathKey() });
        onDone();
      },
    }),
  );
  const [name, setName] = useState(s.name);
  const [note, setNote] = useState(s.note);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = UpdateSnapshotInput.safeParse({ id: s.id, name, note });
    if (!input.success) {
      setProblem(
        input.error.issues.map((i) => `${i.path[0] === 'note' ? 'Note' : 'Name'}: ${i.message}`).join('; '),
      );
      return;
    }
    setProblem(null);
    update.mutate(input.data);
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Rename ${s.name}`}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </label>
      <label>
        Note
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </label>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {(problem || update.error) && (
        <div className={styles.error} role="alert">
          {problem ?? errorMessage(update.error, { name: 'Name', note: 'Note' })}
        </div>
      )}
    </form>
  );
}
