import { type LogicBlock, type LogicTable, logicTables } from '@/server/core/flows/logic';
import { nextTables } from '@/server/core/flows/next-tables';
import { tableKey } from '@/server/core/flows/table-key';
import type { Flow } from '@/server/core/model';
import { actionTextParts, jumpOf, matchValue, type TextJump, type TextPart, tableTitle } from './flow-text';

/** A value that differs between a block's flows: `priority`, a match field, or an action's value. */
export interface LogicColumn {
  /** As LogicBlock.varying has it: `in_port`, `actions.load#2`. */
  key: string;
  /** `in_port`, `load#2`. */
  label: string;
}

export interface LogicFlowView {
  id: string;
  /** This flow's value of each column, ports by name. */
  values: string[];
  nPackets: number | null;
  /** Share of its table's packets, 0..1. */
  heat: number;
  /** The share in words: `12% of table 0's packets`. */
  heatLabel: string;
}

export interface LogicBlockView {
  /** Its first flow's id: stable while the block exists. */
  id: string;
  /** Priority and match with the values that vary as `*`: `priority=3,in_port=*,vlan_tci=0x0/0x1fff`. */
  match: string;
  /** The shared actions, varying values as `*`, jumps followable: `mod_vlan_vid:*,resubmit(,60)`. */
  actions: TextPart[];
  columns: LogicColumn[];
  flows: LogicFlowView[];
}

export interface LogicSection {
  /** tableKey of its flows. */
  key: string;
  title: string;
  flowCount: number;
  nPackets: number;
  /** Other tables its flows continue to, first jump first. */
  next: TextJump[];
  /** Tables whose flows continue here, in table order. */
  from: TextJump[];
  blocks: LogicBlockView[];
}

/** A share as people read it: 0%, <1% for a few packets out of many, else whole percents. */
function percent(heat: number): string {
  if (heat > 0 && heat < 0.005) return '<1%';
  return `${Math.round(heat * 100)}%`;
}

function matchLine(b: LogicBlock, names: ReadonlyMap<string, string>): string {
  const varies = new Set(b.varying);
  const shown = (key: string): string =>
    varies.has(key) ? '*' : matchValue(key, b.common[key] ?? '', names);
  const fields = b.matchFields.map((f) => (!varies.has(f) && b.common[f] === '' ? f : `${f}=${shown(f)}`));
  return [`priority=${shown('priority')}`, ...fields].join(',');
}

function blockView(b: LogicBlock, title: string, names: ReadonlyMap<string, string>): LogicBlockView {
  const first = b.flows[0]?.flow;
  const varies = new Set(b.varying);
  return {
    id: first?.id ?? '',
    match: matchLine(b, names),
    actions: first ? actionTextParts(first, names, (slot) => varies.has(`actions.${slot}`)) : [],
    columns: b.varying.map((key) => ({ key, label: key.replace(/^actions\./, '') })),
    flows: b.flows.map((f) => ({
      id: f.flow.id,
      values: b.varying.map((key) => matchValue(key, f.values[key] ?? '', names)),
      nPackets: f.flow.counters?.nPackets ?? null,
      heat: f.heat,
      heatLabel: `${percent(f.heat)} of ${title}'s packets`,
    })),
  };
}

/** Tables the table's flows continue to, each once, leaving out the table itself. */
function nextOf(t: LogicTable, key: string): TextJump[] {
  const jumps = new Map<string, TextJump>();
  for (const b of t.blocks)
    for (const f of b.flows)
      for (const j of nextTables(f.flow).map(jumpOf))
        if (j.key !== key && !jumps.has(j.key)) jumps.set(j.key, j);
  return [...jumps.values()];
}

/**
 * A bridge's flows as the logic view shows them: a section per table (in table order) with the
 * tables it continues to and comes from, its flows folded into blocks (see logicTables), port
 * numbers shown as names.
 */
export function logicSections(flows: readonly Flow[], names: ReadonlyMap<string, string>): LogicSection[] {
  const sections = logicTables(flows).map((t) => {
    const first = t.blocks[0]?.flows[0]?.flow;
    const key = first ? tableKey(first) : '';
    const title = tableTitle(t.table, t.tableName);
    return {
      key,
      title,
      flowCount: t.blocks.reduce((n, b) => n + b.flows.length, 0),
      nPackets: t.nPackets,
      next: nextOf(t, key),
      from: [] as TextJump[],
      blocks: t.blocks.map((b) => blockView(b, title, names)),
    };
  });
  const byKey = new Map(sections.map((s) => [s.key, s]));
  for (const s of sections)
    for (const j of s.next) byKey.get(j.key)?.from.push({ key: s.key, title: s.title });
  return sections;
}

/** The sections with only the flows `keep` keeps (a filter), empty blocks and sections left out. */
export function keepFlows(
  sections: readonly LogicSection[],
  keep: (flowId: string) => boolean,
): LogicSection[] {
  return sections.flatMap((s) => {
    const blocks = s.blocks.flatMap((b) => {
      const kept = b.flows.filter((f) => keep(f.id));
      return kept.length === 0 ? [] : [{ ...b, flows: kept }];
    });
    return blocks.length === 0 ? [] : [{ ...s, blocks }];
  });
}
