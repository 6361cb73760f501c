import { describe, expect, it } from 'vitest';
import { load } from '@/server/core/changes/plan.test-helper';
import { initialTraceForm, traceMarks, traceRequestOf } from './trace-form';

describe('the trace form', () => {
  const model = load('openstack');
  const base = initialTraceForm(model, { bridge: 'br-int', port: 'int-br-ex' });

  it('opens on the selected port, a broadcast, untagged', () => {
    expect(base).toMatchObject({ source: 'port', bridge: 'br-int', inPort: 'int-br-ex', vlan: '' });
    expect(base.dlDst).toBe('ff:ff:ff:ff:ff:ff');
    const first = model.ovs?.bridges[0]?.name;
    expect(initialTraceForm(model, null).bridge).toBe(first);
  });

  it('builds the request the API checks, leaving empty fields out', () => {
    const r = traceRequestOf(model, { ...base, vlan: '1' });
    expect(r).toEqual({
      ok: true,
      note: null,
      request: {
        bridge: 'br-int',
        packet: { in_port: 'int-br-ex', dl_vlan: 1, dl_dst: 'ff:ff:ff:ff:ff:ff' },
      },
    });
  });

  it('names the field of each problem, and never lets flow syntax through', () => {
    const r = traceRequestOf(model, { ...base, inPort: 'p1,actions=drop', nwDst: '10.0.0.1', vlan: '5000' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.some((p) => p.startsWith('in_port:'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('dl_vlan:'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('nw_dst:') && p.includes('IPv4 protocol'))).toBe(true);
  });

  it('from a namespace, says what it could not route', () => {
    const ns = model.namespaces.find((n) => !n.isRoot)?.name ?? '';
    const r = traceRequestOf(model, { ...base, source: 'namespace', namespace: ns, dst: 'not-an-ip' });
    expect(r).toEqual({ ok: false, problems: ['"not-an-ip" is not an IPv4 or IPv6 address'] });
  });

  it('marks the path, where it left and the bridge that dropped it', () => {
    const hops = [{ index: 0, bridgeElement: 'h|br:a' }];
    expect(
      Object.fromEntries(
        traceMarks({
          elements: ['h|br:a', 'h|port:a/p'],
          fate: { kind: 'output', ports: [{ element: 'h|port:a/q' }] },
          hops,
        }),
      ),
    ).toEqual({ 'h|br:a': 'traced', 'h|port:a/p': 'traced', 'h|port:a/q': 'traced trace-out' });
    expect(
      Object.fromEntries(traceMarks({ elements: ['h|br:a'], fate: { kind: 'drop', hop: 0 }, hops })),
    ).toEqual({ 'h|br:a': 'traced trace-drop' });
  });
});
