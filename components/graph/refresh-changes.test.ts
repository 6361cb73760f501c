import { describe, expect, it } from 'vitest';
import { applyEdits } from '@/server/core/changes/apply-edits';
import type { HostModel } from '@/server/core/model';
import { exampleModel } from '@/server/example';
import { refreshChanges } from './refresh-changes';

function edited(model: HostModel, edits: unknown[]): HostModel {
  const r = applyEdits(model, edits);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.desired;
}

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('refreshChanges', () => {
  const before = exampleModel();
  const after = edited(before, [
    { op: 'add-port', bridge: 'br-int', name: 'p-new', type: 'internal' },
    { op: 'set-port', name: 'qvo9e8d7c6b-5a', tag: 42 },
    { op: 'add-flow', bridge: 'br-ex', table: 0, priority: 9, match: 'dl_vlan=9', actions: 'drop' },
    { op: 'delete-port', name: 'qvo3c4d5e6f-7a' },
  ]);

  it('names what appeared, what changed with its fields, flows, and what is gone', () => {
    const lines = texts(refreshChanges([before], [after]));
    expect(lines).toContain('+ port br-int/p-new');
    expect(lines.find((l) => l.startsWith('~ port br-int/qvo9e8d7c6b-5a: '))).toMatch(/tag \S+ → 42/);
    expect(lines.some((l) => /^\+ flow br-ex table=0 priority=9 /.test(l))).toBe(true);
    expect(lines).toContain('- port br-int/qvo3c4d5e6f-7a');
  });

  it('says nothing when only counters and the collection time moved', () => {
    const again: HostModel = { ...structuredClone(before), collectedAt: '2030-01-01T00:00:00.000Z' };
    for (const i of again.ovs?.interfaces ?? []) i.statistics = { ...i.statistics, rx_packets: 123_456 };
    expect(refreshChanges([before], [again])).toEqual([]);
  });

  it('heads each changed host when several are drawn, and leaves hosts that joined or left out', () => {
    const other = (m: HostModel, host: string): HostModel => ({ ...m, host });
    const lines = refreshChanges([before, other(before, 'b')], [after, other(before, 'b')]);
    expect(lines[0]?.heading).toBe(true);
    expect(lines[0]?.text).toMatch(new RegExp(`^host ${before.host}: \\d+ added, \\d+ removed, 1 changed$`));
    expect(texts(lines)).toContain('+ port br-int/p-new');
    expect(lines.filter((l) => l.heading)).toHaveLength(1);
    expect(refreshChanges([before], [before, other(after, 'c')])).toEqual([]);
  });
});
