import { describe, expect, it } from 'vitest';
import { firstLines } from './change-lines';

describe('firstLines', () => {
  it('keeps the first lines and counts the rest', () => {
    expect(firstLines([1, 2, 3], 2)).toEqual({ shown: [1, 2], more: 1 });
    expect(firstLines([1, 2], 2)).toEqual({ shown: [1, 2], more: 0 });
  });
});
