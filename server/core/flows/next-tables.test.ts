import { describe, expect, it } from 'vitest';
import { parseFlowLine } from '../parsers/ofctl-flows';
import { nextTables } from './next-tables';

const flow = (text: string) => {
  const f = parseFlowLine(text, 'br-int', { acl_egress: 70 });
  if (!f) throw new Error(`not a flow: ${text}`);
  return f;
};

describe('nextTables', () => {
  it('lists resubmit, goto_table and ct(table=) targets once, in order', () => {
    expect(
      nextTables(
        flow(
          'table=30, priority=1 actions=resubmit(,40),ct(table=31,zone=5),goto_table:40,resubmit(,acl_egress)',
        ),
      ),
    ).toEqual([
      { table: 40, via: 'resubmit' },
      { table: 31, via: 'ct' },
      { table: 70, tableName: 'acl_egress', via: 'resubmit' },
    ]);
  });

  it('finds jumps inside clone() and write_actions()', () => {
    expect(
      nextTables(
        flow('priority=1 actions=clone(set_field:1->reg0,resubmit(,8)),write_actions(goto_table:9)'),
      ),
    ).toEqual([
      { table: 8, via: 'resubmit' },
      { table: 9, via: 'goto_table' },
    ]);
  });

  it("reads resubmit:PORT as the flow's own table again, and ct without table as no jump", () => {
    expect(nextTables(flow('table=5, priority=1 actions=ct(commit),resubmit:3'))).toEqual([
      { table: 5, via: 'resubmit' },
    ]);
    expect(nextTables(flow('table=acl_egress, priority=1 actions=resubmit(2,)'))).toEqual([
      { table: 70, tableName: 'acl_egress', via: 'resubmit' },
    ]);
  });

  it('keeps a table name the bridge does not resolve', () => {
    expect(nextTables(flow('priority=1 actions=goto_table:"ls_in_acl"'))).toEqual([
      { tableName: 'ls_in_acl', via: 'goto_table' },
    ]);
    expect(nextTables(flow('priority=1 actions=output:2,learn(table=20,output:NXM_OF_IN_PORT[])'))).toEqual(
      [],
    );
  });
});
