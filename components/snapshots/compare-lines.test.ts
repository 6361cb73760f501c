import { describe, expect, it } from 'vitest';
import { applyEdits } from '@/server/core/changes/apply-edits';
import type { HostModel } from '@/server/core/model';
import { compareModels, comparisonElements, comparisonText } from '@/server/core/snapshots/compare';
import { exampleModel } from '@/server/example';
import { comparisonLines } from './compare-lines';

function edited(model: HostModel, edits: unknown[]): HostModel {
  const r = applyEdits(model, edits);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.desired;
}

describe('comparisonLines', () => {
  const before = exampleModel();
  const after = edited(before, [
    { op: 'add-port', bridge: 'br-int', name: 'p-new', type: 'internal', tag: 7 },
    { op: 'delete-port', name: 'qvo3c4d5e6f-7a' },
    { op: 'set-port', name: 'qvo9e8d7c6b-5a', tag: 42 },
    { op: 'add-flow', bridge: 'br-ex', table: 0, priority: 9, match: 'dl_vlan=9', actions: 'drop' },
  ]);
  const comparison = compareModels([before], [after]);
  const elements = comparisonElements([before], [after], comparison);
  const lines = comparisonLines(comparison, elements, { traffic: false });
  const host = before.host;
  const line = (re: RegExp) => lines.find((l) => re.test(l.text));

  it('is the comparison text, line for line', () => {
    expect(lines.map((l) => l.text)).toEqual(comparisonText(comparison).split('\n'));
  });

  it('points each line at the element the graph draws for it, marked as the overlay marks it', () => {
    const byId = new Map(elements.map((e) => [e.data.id, e.data as { pending?: string }]));
    const added = line(/^ {2}\+ port br-int\/p-new/);
    expect(added?.sign).toBe('+');
    expect(added?.target).toBe(`${host}|port:br-int/p-new`);
    expect(byId.get(added?.target ?? '')?.pending).toBe('added');
    const removed = line(/^ {2}- port br-int\/qvo3c4d5e6f-7a/);
    expect(removed?.target).toBe(`${host}|port:br-int/qvo3c4d5e6f-7a`);
    expect(byId.get(removed?.target ?? '')?.pending).toBe('removed');
    const changed = line(/^ {2}~ port br-int\/qvo9e8d7c6b-5a/);
    expect(changed?.sign).toBe('~');
    expect(byId.get(changed?.target ?? '')?.pending).toBe('changed');
    // A flow is not drawn: its bridge is.
    expect(line(/^ {2}\+ flow /)?.target).toBe(`${host}|br:br-ex`);
    // The interface of a one-interface port is drawn as that port.
    expect(line(/^ {2}\+ interface p-new/)?.target).toBe(`${host}|port:br-int/p-new`);
    expect(lines[0]).toEqual({ text: expect.stringMatching(/^host /), target: `host:${host}`, sign: 'host' });
  });

  it('adds the flows and interfaces whose counters moved when traffic is asked for', () => {
    const flow = before.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.[0];
    if (!flow) throw new Error('the example has a flow on br-ex');
    const busier: HostModel = structuredClone(before);
    const same = busier.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.find((f) => f.id === flow.id);
    if (!same?.counters) throw new Error('the example counts its flows');
    same.counters = { ...same.counters, nPackets: same.counters.nPackets + 10 };
    const c = compareModels([before], [busier]);
    const traffic = comparisonLines(c, comparisonElements([before], [busier], c), { traffic: true });
    expect(traffic.map((l) => l.text)).toEqual(comparisonText(c, { traffic: true }).split('\n'));
    expect(traffic.find((l) => l.sign === '⇅')).toEqual({
      text: `  ⇅ counters moved: ${flow.id}`,
      target: `${host}|br:br-ex`,
      sign: '⇅',
    });
  });

  it('marks a host that is only on one side as a whole', () => {
    const c = compareModels([before], []);
    const only = comparisonLines(c, comparisonElements([before], [], c), { traffic: false });
    expect(only).toEqual([{ text: expect.stringContaining('- host'), target: `host:${host}`, sign: '-' }]);
  });
});
