import type { Flow } from '@/server/core/model';
import { DeleteFlowButton, type FlowEdit } from './flow-delete';
import { type Jumps, JumpText } from './flow-jump-text';
import type { FlowRow } from './flow-rows';
import styles from './inspector.module.css';

/** What every view's flow rows share: the flows behind the rows, edit mode, table jumps. */
export interface RowContext {
  flowById: ReadonlyMap<string, Flow>;
  edit: FlowEdit | undefined;
  jumps: Jumps;
}

/** One flow as a table row: table, priority, match, actions (jumps followable), packets, and its ×. */
export function FlowRowView({ row, ctx }: { row: FlowRow; ctx: RowContext }) {
  return (
    <tr className={row.touches ? styles.touch : undefined} data-touches={row.touches || undefined}>
      <td title={row.tableName}>{row.table}</td>
      <td>{row.priority}</td>
      <td>{row.match || '(any)'}</td>
      <td>
        <JumpText parts={row.actionParts} jumps={ctx.jumps} />
      </td>
      <td>{row.nPackets ?? '—'}</td>
      {ctx.edit && (
        <td>
          <DeleteFlowButton row={row} flow={ctx.flowById.get(row.id)} edit={ctx.edit} />
        </td>
      )}
    </tr>
  );
}
