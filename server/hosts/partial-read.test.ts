import { describe, expect, it } from 'vitest';
import { partialRead } from './partial-read';

describe('partialRead', () => {
  it('is nothing for a whole read', () => {
    expect(partialRead([])).toBeNull();
  });

  it('names the first parts that could not be read and counts the rest', () => {
    const e = (part: string, arg?: string) => ({
      part,
      message: 'permission denied',
      ...(arg ? { arg } : {}),
    });
    expect(partialRead([e('ovsdb')])).toEqual({
      errorCode: 'PARTIAL_READ',
      error: '1 part could not be read (ovsdb: permission denied)',
    });
    expect(
      partialRead([e('ovsdb'), e('link', 'ns1'), e('route4', 'ns1'), e('route6', 'ns1'), e('rule', 'ns1')]),
    ).toEqual({
      errorCode: 'PARTIAL_READ',
      error:
        '5 parts could not be read (ovsdb: permission denied; link ns1: permission denied; route4 ns1: permission denied; and 2 more)',
    });
  });
});
