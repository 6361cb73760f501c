// biome-ignore-all lint/suspicious/noTemplateCurlyInString: scenario references are literally ${…}
import { describe, expect, it } from 'vitest';
import { expandRepeats, resolveRefs, substitute } from './expand';

describe('substitute', () => {
  it('evaluates left-to-right integer arithmetic, variables and hex', () => {
    expect(substitute('p{i}', { i: 7 })).toBe('p7');
    expect(substitute('{i%100+1}', { i: 250 })).toBe('51');
    expect(substitute('{i/4}', { i: 11 })).toBe('2');
    expect(substitute('ns{b*75+j}', { b: 2, j: 3 })).toBe('ns153');
    expect(substitute('fa:16:3e:00:{i:x2}', { i: 10 })).toBe('fa:16:3e:00:0a');
  });
  it('leaves unknown variables and ${...} references alone', () => {
    expect(substitute('{q} ${host:x} ${self}', { i: 1 })).toBe('{q} ${host:x} ${self}');
  });
});

describe('expandRepeats', () => {
  it('expands nested repeats with their own variables', () => {
    const doc = {
      bridges: [
        {
          repeat: { count: 2, from: 1, var: 'b' },
          template: { name: 'br{b}', ports: [{ repeat: { count: 2, var: 'j' }, template: 'p{b}-{j}' }] },
        },
        { name: 'fixed' },
      ],
    };
    expect(expandRepeats(doc)).toEqual({
      bridges: [
        { name: 'br1', ports: ['p1-0', 'p1-1'] },
        { name: 'br2', ports: ['p2-0', 'p2-1'] },
        { name: 'fixed' },
      ],
    });
  });
  it('rejects a multi-letter variable', () => {
    expect(() => expandRepeats([{ repeat: { count: 1, var: 'ab' }, template: 'x' }])).toThrow(/one letter/);
  });
});

describe('resolveRefs', () => {
  it('replaces ${self} and ${host:NAME} through the resolver', () => {
    const out = resolveRefs({ o: { remote_ip: '${host:net}', local_ip: '${self}' } }, '198.18.0.4', (n) =>
      n === 'net' ? '198.18.0.3' : '198.18.0.254',
    );
    expect(out).toEqual({ o: { remote_ip: '198.18.0.3', local_ip: '198.18.0.4' } });
  });
});
