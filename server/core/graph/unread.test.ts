import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model';
import { toElements } from './from-models';
import { elementId, hostElementId } from './ids';
import { isNode } from './types';
import { hostUnread, namespaceUnread, routesUnread } from './unread';

const model = (errors: HostModel['errors']): HostModel =>
  ({
    schemaVersion: 1,
    host: 'h',
    collectedAt: '2024-01-01T00:00:00.000Z',
    hostname: 'h',
    ovs: null,
    namespaces: [
      { id: 'ns:', name: '', isRoot: true, netnsid: null, peers: [], links: [], routes: [], rules: [] },
      { id: 'ns:blue', name: 'blue', isRoot: false, netnsid: 1, peers: [], links: [], routes: [], rules: [] },
    ],
    errors,
  }) as HostModel;

// What a user without sudo gets (the lab's non-sudo read): no OVSDB, namespaces not enterable.
const denied = model([
  { part: 'ovsdb', message: 'database connection failed (Permission denied)' },
  { part: 'links', arg: 'blue', message: 'Cannot open network namespace "blue": Permission denied' },
  { part: 'route4', arg: 'blue', message: 'Cannot open network namespace "blue": Permission denied' },
  { part: 'route6', arg: 'blue', message: 'Cannot open network namespace "blue": Permission denied' },
  { part: 'flows', arg: 'br0', message: 'unrelated to any namespace' },
]);

describe('unread marks', () => {
  it('says what of a namespace could not be read, each part once, with the first reason', () => {
    expect(namespaceUnread(denied, 'blue')).toBe(
      'links, routes could not be read: Cannot open network namespace "blue": Permission denied',
    );
    expect(namespaceUnread(denied, '')).toBeNull();
    expect(routesUnread(denied, 'blue')?.part).toBe('route4');
    expect(routesUnread(denied, '')).toBeUndefined();
  });

  it('says what of the host could not be read', () => {
    expect(hostUnread(denied)).toBe(
      'Open vSwitch could not be read: database connection failed (Permission denied)',
    );
    expect(hostUnread(model([]))).toBeNull();
  });

  it('marks the host and the namespace on the graph, and nothing read in full', () => {
    const nodes = toElements([denied]).filter(isNode);
    const unread = (id: string) => nodes.find((n) => n.data.id === id)?.data.unread;
    expect(unread(hostElementId('h'))).toMatch(/^Open vSwitch could not be read/);
    expect(unread(elementId('h', 'ns:blue'))).toMatch(/^links, routes could not be read/);
    expect(unread(elementId('h', 'ns:'))).toBeUndefined();
    expect(
      toElements([model([])])
        .filter(isNode)
        .some((n) => n.data.unread !== undefined),
    ).toBe(false);
  });
});
