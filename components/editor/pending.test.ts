import { describe, expect, it } from 'vitest';
import { EMPTY, editSummary, parseStored, pendingReducer } from './pending';

const a = { op: 'add-namespace', name: 'a' };
const b = { op: 'add-namespace', name: 'b' };

describe('pendingReducer', () => {
  it('adds in order, removes one, and undoes and redoes every change', () => {
    let s = pendingReducer(EMPTY, { type: 'add', edit: a });
    s = pendingReducer(s, { type: 'add', edit: b });
    expect(s.edits).toEqual([a, b]);
    s = pendingReducer(s, { type: 'remove', index: 0 });
    expect(s.edits).toEqual([b]);
    s = pendingReducer(s, { type: 'undo' });
    expect(s.edits).toEqual([a, b]);
    s = pendingReducer(s, { type: 'undo' });
    expect(s.edits).toEqual([a]);
    s = pendingReducer(s, { type: 'redo' });
    expect(s.edits).toEqual([a, b]);
    s = pendingReducer(s, { type: 'discard' });
    expect(s.edits).toEqual([]);
    s = pendingReducer(s, { type: 'undo' });
    expect(s.edits).toEqual([a, b]);
    // A new change after undo drops what could be redone.
    s = pendingReducer(s, { type: 'undo' });
    s = pendingReducer(s, { type: 'add', edit: b });
    expect(s.future).toEqual([]);
    expect(pendingReducer(s, { type: 'redo' })).toBe(s);
  });

  it('ignores what it cannot do', () => {
    expect(pendingReducer(EMPTY, { type: 'undo' })).toBe(EMPTY);
    expect(pendingReducer(EMPTY, { type: 'remove', index: 3 })).toBe(EMPTY);
    expect(pendingReducer(EMPTY, { type: 'discard' })).toBe(EMPTY);
  });
});

describe('parseStored', () => {
  it('reads what was stored and refuses anything else', () => {
    const s = pendingReducer(EMPTY, { type: 'add', edit: a });
    expect(parseStored(JSON.stringify(s))).toEqual(s);
    expect(parseStored(null)).toBe(EMPTY);
    expect(parseStored('{not json')).toBe(EMPTY);
    expect(parseStored('{"edits": 3}')).toBe(EMPTY);
  });
});

describe('editSummary', () => {
  it('names the op and every field', () => {
    expect(editSummary({ op: 'set-port', name: 'p5', tag: null, trunks: [1, 2] })).toBe(
      'set-port name=p5 tag=null trunks=[1,2]',
    );
  });
});
