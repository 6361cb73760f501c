'use client';
import { actionsFor, deleteEdit, type Target } from './actions';
import { EditForm } from './edit-form';
import styles from './editor.module.css';

export interface EditSelectionProps {
  target: Target;
  targetLabel: string | null;
  hostName: string;
  namespaces: string[];
  onAdd: (edit: unknown) => void;
  /** The action picked for this selection (undefined: its first). */
  actionId: string | undefined;
  onPick: (id: string) => void;
  /** Put the cursor in the form (it was opened from the flow table). */
  focus: boolean;
}

/**
 * What edit mode adds to the inspector: delete the selection, and the forms its actions offer
 * (a port's VLAN, a namespace's addresses and routes, a bridge's ports, patches and flows).
 */
export function EditSelection(p: EditSelectionProps) {
  const actions = actionsFor(p.target, p.namespaces);
  const action = actions.find((a) => a.id === p.actionId) ?? actions[0];
  const del = deleteEdit(p.target);
  return (
    <div className={styles.inline} data-testid="edit-selection">
      <section className={styles.section} aria-label="Edit the selection">
        <div className={styles.row}>
          <span>{p.targetLabel ? `Edit ${p.targetLabel}` : `Add to ${p.hostName}`}</span>
          {del && (
            <button type="button" onClick={() => p.onAdd(del)} title="Delete (Del)">
              Delete {p.targetLabel}
            </button>
          )}
        </div>
        <label className={styles.row}>
          Action{' '}
          <select aria-label="Action" value={action?.id ?? ''} onChange={(e) => p.onPick(e.target.value)}>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
      </section>
      {action && (
        <EditForm key={`${p.targetLabel}:${action.id}`} action={action} onAdd={p.onAdd} autoFocus={p.focus} />
      )}
    </div>
  );
}
