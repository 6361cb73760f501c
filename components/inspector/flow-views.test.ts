import { describe, expect, it } from 'vitest';
import { defaultFlowView, LOGIC_VIEW_FROM } from './flow-views';

describe('defaultFlowView', () => {
  it('opens small flow tables flat and larger ones folded', () => {
    expect(LOGIC_VIEW_FROM).toBe(20);
    expect([0, 3, 20, 21, 2500].map(defaultFlowView)).toEqual(['table', 'table', 'table', 'logic', 'logic']);
  });
});
