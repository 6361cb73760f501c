import { describe, expect, it } from 'vitest';
import { parseNetnsPaste } from './ip-netns';

describe('parseNetnsPaste', () => {
  it('reads names with and without the root namespace nsid', () => {
    expect(parseNetnsPaste('qrouter-1 (id: 4)\nqdhcp-2\n', false)).toEqual({
      items: [
        { name: 'qrouter-1', nsid: 4 },
        { name: 'qdhcp-2', nsid: null },
      ],
      errors: [],
    });
  });

  it('reads ip -json netns', () => {
    expect(parseNetnsPaste('[{"name":"qrouter-1","id":4},{"name":"qdhcp-2"}]', true)).toEqual({
      items: [
        { name: 'qrouter-1', nsid: 4 },
        { name: 'qdhcp-2', nsid: null },
      ],
      errors: [],
    });
  });

  it('reports lines that are not namespace names, and JSON that is not a list of them', () => {
    expect(parseNetnsPaste('qrouter-1\nCannot open network namespace "x": No such file', false)).toEqual({
      items: [{ name: 'qrouter-1', nsid: null }],
      errors: ['not ip netns output: Cannot open network namespace "x": No such file'],
    });
    expect(parseNetnsPaste('{"name":"x"}', true).errors).toEqual(['netns: expected a JSON array']);
  });
});
