import { DeleteFlowButton } from './flow-delete';
import { JumpButton, JumpText } from './flow-jump-text';
import type { LogicBlockView, LogicSection } from './flow-logic-view';
import type { RowContext } from './flow-row';
import type { FlowRow } from './flow-rows';
import type { TextJump } from './flow-text';
import styles from './inspector.module.css';

function JumpList({ label, jumps, ctx }: { label: string; jumps: TextJump[]; ctx: RowContext }) {
  if (jumps.length === 0) return null;
  return (
    <div className={styles.chain}>
      {label}{' '}
      {jumps.map((j, i) => (
        <span key={j.key}>
          {i > 0 && ', '}
          <JumpButton jump={j} text={j.title} jumps={ctx.jumps} />
        </span>
      ))}
    </div>
  );
}

/** A block: what its flows share once, then per flow the values that differ, packets and heat. */
function Block({
  block,
  rowById,
  ctx,
}: {
  block: LogicBlockView;
  rowById: ReadonlyMap<string, FlowRow>;
  ctx: RowContext;
}) {
  return (
    <div className={styles.block} data-testid="flow-block">
      <div className={styles.blockHead}>
        <code>{block.match}</code>
        <code>
          actions=
          <JumpText parts={block.actions} jumps={ctx.jumps} />
        </code>
      </div>
      <table className={`${styles.table} ${styles.plainHead}`}>
        <thead>
          <tr>
            {block.columns.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th>packets</th>
            <th>share</th>
            {ctx.edit && <th aria-label="Delete" />}
          </tr>
        </thead>
        <tbody>
          {block.flows.map((f) => {
            const row = rowById.get(f.id);
            return (
              <tr
                key={f.id}
                className={row?.touches ? styles.touch : undefined}
                data-touches={row?.touches || undefined}
              >
                {f.values.map((v, i) => (
                  <td key={block.columns[i]?.key}>{v}</td>
                ))}
                <td>{f.nPackets ?? '—'}</td>
                <td title={f.heatLabel}>
                  <span className={styles.heat} aria-hidden="true">
                    <span className={styles.heatFill} style={{ width: `${f.heat * 100}%` }} />
                  </span>
                  <span className={styles.srOnly}>{f.heatLabel}</span>
                </td>
                {ctx.edit && row && (
                  <td>
                    <DeleteFlowButton row={row} flow={ctx.flowById.get(f.id)} edit={ctx.edit} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The logic view: a section per table, its flows folded into blocks the way ovs-flowviz's logic
 * view folds them, with the tables it continues to and comes from one click away.
 */
export function FlowLogic(props: {
  sections: readonly LogicSection[];
  rowById: ReadonlyMap<string, FlowRow>;
  ctx: RowContext;
  /** The section just jumped to, highlighted for a moment. */
  flash: string | null;
}) {
  const { sections, rowById, ctx, flash } = props;
  return (
    <div data-testid="flow-logic">
      {sections.map((s) => {
        const shown = s.blocks.reduce((n, b) => n + b.flows.length, 0);
        return (
          <section
            key={s.key}
            className={styles.flowSection}
            aria-label={s.title}
            data-table={s.key}
            data-flash={flash === s.key || undefined}
          >
            {/* tabIndex -1: a jump moves the keyboard focus here, so Tab goes on from this table. */}
            <h4 tabIndex={-1}>{s.title}</h4>
            <div className={styles.sub}>
              {shown === s.flowCount ? s.flowCount : `${shown} of ${s.flowCount}`} flow
              {s.flowCount === 1 ? '' : 's'} · {s.nPackets} packets
            </div>
            <JumpList label="continues to" jumps={s.next} ctx={ctx} />
            <JumpList label="comes from" jumps={s.from} ctx={ctx} />
            {s.blocks.map((b) => (
              <Block key={b.id} block={b} rowById={rowById} ctx={ctx} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
