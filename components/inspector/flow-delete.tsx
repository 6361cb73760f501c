import type { Flow } from '@/server/core/model';
import type { FlowRow } from './flow-rows';
import styles from './inspector.module.css';

/** Edit mode: each row can be deleted, and a flow added (the editor's add-flow form opens). */
export interface FlowEdit {
  onDelete: (flow: Flow) => void;
  onAdd: () => void;
}

/** The × of a flow in edit mode; its label names the flow as the delete-flow edit does. */
export function DeleteFlowButton({
  row,
  flow,
  edit,
}: {
  row: FlowRow;
  flow: Flow | undefined;
  edit: FlowEdit;
}) {
  return (
    <button
      type="button"
      className={styles.button}
      aria-label={`Delete flow table=${row.table} priority=${row.priority} ${row.match || '(any)'}`}
      title="Delete this flow (pending until applied)"
      onClick={() => {
        if (flow) edit.onDelete(flow);
      }}
    >
      ×
    </button>
  );
}
