import { describe, expect, it } from 'vitest';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { Edit } from '@/server/core/changes/edits';
import { load } from '@/server/core/changes/plan.test-helper';
import { actionsFor, deleteEdit, dropEdit, flowDeleteEdit, targetOf } from './actions';

const action = (t: ReturnType<typeof targetOf>, id: string) => {
  const a = actionsFor(t, ['router1']).find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
};

describe('editor actions', () => {
  it('reads a selection from its model id', () => {
    expect(targetOf('br:br-int')).toEqual({ kind: 'bridge', bridge: 'br-int' });
    expect(targetOf('port:br-int/p5', 3)).toEqual({ kind: 'port', bridge: 'br-int', port: 'p5', tag: 3 });
    expect(targetOf('ns:qrouter-1')).toEqual({ kind: 'namespace', namespace: 'qrouter-1' });
    expect(targetOf('link:/eth0')).toEqual({ kind: 'link', namespace: '', link: 'eth0' });
    expect(targetOf('ns:')).toEqual({ kind: 'none' });
    expect(targetOf(null)).toEqual({ kind: 'none' });
  });

  it('builds edits the engine accepts, leaving empty fields out', () => {
    const port = action({ kind: 'bridge', bridge: 'br-int' }, 'add-port').build({
      name: 'p9',
      type: 'internal',
      tag: '5',
      peer: '',
    });
    expect(port).toEqual({ op: 'add-port', bridge: 'br-int', name: 'p9', type: 'internal', tag: 5 });
    const tunnel = action({ kind: 'bridge', bridge: 'br-tun' }, 'add-port').build({
      name: 'vx1',
      type: 'vxlan',
      remote_ip: '192.0.2.9',
      key: 'flow',
    });
    expect(Edit.safeParse(tunnel).success).toBe(true);
    const clear = action({ kind: 'port', bridge: 'br-int', port: 'p9', tag: 5 }, 'set-port').build({
      tag: '',
    });
    expect(clear).toEqual({ op: 'set-port', name: 'p9', tag: null });
    const move = action({ kind: 'port', bridge: 'br-int', port: 'p9', tag: null }, 'move-link').build({
      to: 'router1',
    });
    expect(move).toEqual({ op: 'move-link', name: 'p9', to: 'router1' });
    const back = action({ kind: 'link', namespace: 'router1', link: 'p9' }, 'move-link').build({ to: '' });
    expect(back).toEqual({ op: 'move-link', name: 'p9', from: 'router1', to: null });
    const route = action({ kind: 'namespace', namespace: 'router1' }, 'add-route').build({
      dst: 'default',
      via: '10.0.0.1',
    });
    expect(route).toEqual({ op: 'add-route', namespace: 'router1', dst: 'default', via: '10.0.0.1' });
  });

  it('lets the schema refuse a bad value, naming the field', () => {
    const bad = action({ kind: 'bridge', bridge: 'br-int' }, 'add-port').build({
      name: 'p;rm',
      type: 'internal',
      tag: '4096',
    });
    const r = Edit.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['name', 'tag']);
  });

  it('deletes what is selected, and the pipeline plans a whole edit session', () => {
    expect(deleteEdit({ kind: 'none' })).toBeNull();
    expect(deleteEdit({ kind: 'link', namespace: '', link: 'eth9' })).toEqual({
      op: 'delete-link',
      name: 'eth9',
    });
    const model = load('aio');
    const edits = [
      action({ kind: 'none' }, 'add-bridge').build({ name: 'br-new' }),
      action({ kind: 'bridge', bridge: 'br-new' }, 'add-port').build({
        name: 'pn1',
        type: 'internal',
        tag: '7',
      }),
      action({ kind: 'none' }, 'add-namespace').build({ name: 'nsx' }),
      action({ kind: 'port', bridge: 'br-new', port: 'pn1', tag: 7 }, 'move-link').build({ to: 'nsx' }),
      action({ kind: 'namespace', namespace: 'nsx' }, 'add-address').build({
        link: 'pn1',
        address: '10.5.0.2/24',
      }),
      action({ kind: 'link', namespace: 'nsx', link: 'pn1' }, 'set-link').build({ up: 'up' }),
      action({ kind: 'namespace', namespace: 'nsx' }, 'add-route').build({ dst: 'default', via: '10.5.0.1' }),
      deleteEdit({ kind: 'port', bridge: 'br-new', port: 'pn1', tag: 7 }),
    ];
    const r = applyEdits(model, edits.slice(0, 7));
    expect(r.ok ? [] : r.errors).toEqual([]);
    const refused = applyEdits(model, edits);
    // Deleting the port that was just moved into a namespace is still a port deletion: accepted.
    expect(refused.ok).toBe(true);
  });
});

describe('dropEdit', () => {
  const br = (name: string) => ({ kind: 'bridge', modelId: `br:${name}` });
  it('patches a bridge dropped on another, and moves a port or link dropped on a namespace', () => {
    expect(dropEdit(br('br-new'), br('br-int'))).toEqual({
      op: 'add-patch',
      bridge: 'br-new',
      port: 'to-br-int',
      peerBridge: 'br-int',
      peerPort: 'to-br-new',
    });
    const ns = { kind: 'namespace', modelId: 'ns:router1' };
    expect(dropEdit({ kind: 'port', modelId: 'port:br-int/p5' }, ns)).toEqual({
      op: 'move-link',
      name: 'p5',
      to: 'router1',
    });
    expect(dropEdit({ kind: 'link', modelId: 'link:router1/qg-1' }, { kind: 'host', modelId: '' })).toEqual({
      op: 'move-link',
      name: 'qg-1',
      from: 'router1',
      to: null,
    });
  });

  it('means nothing when dropped on itself, where it already is, or nowhere', () => {
    expect(dropEdit(br('br-int'), br('br-int'))).toBeNull();
    expect(dropEdit(br('br-int'), null)).toBeNull();
    expect(
      dropEdit({ kind: 'link', modelId: 'link:router1/qg-1' }, { kind: 'namespace', modelId: 'ns:router1' }),
    ).toBeNull();
    expect(dropEdit({ kind: 'port', modelId: 'port:br-int/p5' }, { kind: 'host', modelId: '' })).toBeNull();
    expect(dropEdit(br('a-very-long-br0'), br('another-long-b1'))).toMatchObject({
      port: 'to-another-long',
      peerPort: 'to-a-very-long-',
    });
  });
});

describe('flowDeleteEdit', () => {
  it('deletes exactly the row it was made from, on every bridge of a lab capture', () => {
    const model = load('aio');
    let tried = 0;
    for (const bridge of model.ovs?.bridges ?? []) {
      for (const flow of bridge.flows ?? []) {
        const result = applyEdits(model, [flowDeleteEdit(bridge.name, flow)]);
        if (!result.ok) throw new Error(`${flow.raw}: ${result.errors.map((e) => e.message).join('; ')}`);
        const after = result.desired.ovs?.bridges.find((b) => b.name === bridge.name)?.flows ?? [];
        expect(after).toHaveLength((bridge.flows ?? []).length - 1);
        expect(after.some((f) => f.raw === flow.raw)).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(7);
  });
});
