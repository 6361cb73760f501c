import { describe, expect, it } from 'vitest';
import { ORPHAN_GAP, sameContainers, stablePositions } from './stable-positions';

describe('stablePositions', () => {
  it('puts survivors back and shifts a new node with its container', () => {
    const leaves = [
      { id: 'a', ancestors: ['br1', 'host'] },
      { id: 'b', ancestors: ['br1', 'host'] },
      { id: 'new', ancestors: ['br1', 'host'] },
      { id: 'c', ancestors: ['br2', 'host'] },
    ];
    const before = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 10, y: 0 }],
      ['c', { x: 100, y: 100 }],
    ]);
    // The new layout moved br1's nodes 50 down and br2's elsewhere.
    const laidOut = new Map([
      ['a', { x: 0, y: 50 }],
      ['b', { x: 10, y: 50 }],
      ['new', { x: 20, y: 50 }],
      ['c', { x: 300, y: 0 }],
    ]);
    expect(stablePositions(leaves, before, laidOut)).toEqual(
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 10, y: 0 }],
        ['new', { x: 20, y: 0 }],
        ['c', { x: 100, y: 100 }],
      ]),
    );
  });

  it('leaves a node in a new container where the layout put it', () => {
    const out = stablePositions(
      [{ id: 'n', ancestors: ['new-br'] }],
      new Map(),
      new Map([['n', { x: 5, y: 6 }]]),
    );
    expect(out.get('n')).toEqual({ x: 5, y: 6 });
  });

  it('puts a host that arrived after the others were drawn below them, arranged as laid out', () => {
    const leaves = [
      { id: 'a1', ancestors: ['a|br', 'host:a'] },
      { id: 'b1', ancestors: ['b|br', 'host:b'] },
      { id: 'b2', ancestors: ['b|br', 'host:b'] },
    ];
    const before = new Map([['a1', { x: 0, y: 0 }]]);
    // The new layout put host b where host a is drawn.
    const laidOut = new Map([
      ['a1', { x: 500, y: 0 }],
      ['b1', { x: 0, y: 10 }],
      ['b2', { x: 40, y: 90 }],
    ]);
    const out = stablePositions(leaves, before, laidOut);
    expect(out.get('a1')).toEqual({ x: 0, y: 0 });
    expect(out.get('b1')).toEqual({ x: 0, y: ORPHAN_GAP });
    expect(out.get('b2')).toEqual({ x: 40, y: ORPHAN_GAP + 80 });
  });
});

describe('sameContainers', () => {
  it('is false when a surviving box was expanded or collapsed', () => {
    expect(sameContainers(new Map([['br', false]]), new Map([['br', true]]))).toBe(false);
    expect(
      sameContainers(
        new Map([['br', true]]),
        new Map([
          ['br', true],
          ['p', false],
        ]),
      ),
    ).toBe(true);
    expect(sameContainers(new Map([['gone', true]]), new Map())).toBe(true);
  });
});
