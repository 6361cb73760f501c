import type { Flow, FlowAction } from '../model/schema';

export interface TableJump {
  /** Unset when the table was printed by a Flow_Table name the bridge did not resolve. */
  table?: number;
  tableName?: string;
  /** The action that continues there: resubmit, goto_table or ct (recirculation after conntrack). */
  via: 'resubmit' | 'goto_table' | 'ct';
}

function jumpOf(a: FlowAction, current: Flow): TableJump | null {
  if (a.type !== 'resubmit' && a.type !== 'goto_table' && a.type !== 'ct') return null;
  const where = {
    ...(a.table === undefined ? {} : { table: a.table }),
    ...(a.tableName === undefined ? {} : { tableName: a.tableName }),
  };
  if (a.table !== undefined || a.tableName !== undefined) return { ...where, via: a.type };
  // resubmit:PORT (no table) searches the flow's own table again; ct without table= stays put.
  if (a.type !== 'resubmit') return null;
  return {
    table: current.table,
    ...(current.tableName === undefined ? {} : { tableName: current.tableName }),
    via: 'resubmit',
  };
}

/**
 * Tables a flow can send the packet on to, first occurrence first, nested actions included (a
 * clone() or write_actions() may resubmit too). Each table is listed once.
 */
export function nextTables(flow: Flow): TableJump[] {
  const jumps: TableJump[] = [];
  const seen = new Set<string>();
  const walk = (actions: readonly FlowAction[]) => {
    for (const a of actions) {
      const jump = jumpOf(a, flow);
      const key = jump && `${jump.table ?? ''}/${jump.tableName ?? ''}`;
      if (jump && key !== null && !seen.has(key)) {
        seen.add(key);
        jumps.push(jump);
      }
      if (a.nested) walk(a.nested);
    }
  };
  walk(flow.actions);
  return jumps;
}
