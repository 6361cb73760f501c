import type { CookieGroup } from '@/server/core/flows/cookies';
import { FlowRowView, type RowContext } from './flow-row';
import type { FlowRow } from './flow-rows';
import { tableTitle } from './flow-text';
import styles from './inspector.module.css';

/**
 * The cookie view: a controller tags the flows of one rule with one cookie, so each group is
 * "everything that rule installed", across tables. Only rows the filter kept are listed.
 */
export function FlowCookies(props: {
  groups: readonly CookieGroup[];
  rowById: ReadonlyMap<string, FlowRow>;
  ctx: RowContext;
}) {
  const { groups, rowById, ctx } = props;
  return (
    <div data-testid="flow-cookies">
      {groups.map((g) => {
        const rows = g.flows.flatMap((f) => rowById.get(f.id) ?? []);
        if (rows.length === 0) return null;
        const tables = [...new Set(g.flows.map((f) => tableTitle(f.table, f.tableName)))];
        return (
          <section key={g.cookie} className={styles.flowSection} aria-label={`cookie ${g.cookie}`}>
            <h4>cookie {g.cookie}</h4>
            <div className={styles.sub}>
              {g.flows.length} flow{g.flows.length === 1 ? '' : 's'} in {tables.join(', ')} · {g.nPackets}{' '}
              packets
            </div>
            <table className={`${styles.table} ${styles.plainHead}`}>
              <thead>
                <tr>
                  <th>table</th>
                  <th>prio</th>
                  <th>match</th>
                  <th>actions</th>
                  <th>packets</th>
                  {ctx.edit && <th aria-label="Delete" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <FlowRowView key={r.id} row={r} ctx={ctx} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
