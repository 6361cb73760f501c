import { describe, expect, it } from 'vitest';
import { leafSize, type MeasureText, titleSize, wrapLines } from './node-sizes';
import { LABEL_TEXT, NODE_BORDER, NODE_BOX } from './style';

/** A monospace stand-in for the browser: 6 px a character, 7 in bold; the font size is in the key. */
const fonts: string[] = [];
const measure: MeasureText = (text, font) => {
  fonts.push(font);
  return text.length * (font.includes(' bold ') ? 7 : 6);
};
const base = { kind: 'port' as const, label: 'eth0' };

describe('wrapLines (Cytoscape text-wrap: wrap)', () => {
  const width = (s: string) => s.length * 6;
  it('keeps a line that fits and splits on newlines', () => {
    expect(wrapLines('eth0\nVLAN 10', 108, width)).toEqual(['eth0', 'VLAN 10']);
  });
  it('cuts a long line between words, each piece keeping the space after it', () => {
    // 20 characters fit in 120 px: "trunk 10,20,30 mtu " is 19, adding "9000 " would make 24.
    expect(wrapLines('trunk 10,20,30 mtu 9000 down', 120, width)).toEqual([
      'trunk 10,20,30 mtu ',
      '9000 down',
    ]);
  });
  it('leaves a word longer than the width on a line of its own, unbroken', () => {
    expect(wrapLines('qrouter-5f1c2a3b-4d9e-4f0a a', 60, width)).toEqual([
      'qrouter-5f1c2a3b-4d9e-4f0a ',
      'a',
    ]);
  });
});

describe('leafSize', () => {
  it('is the body and its border for a short label', () => {
    expect(leafSize(base, measure)).toEqual({
      w: NODE_BOX.leaf.width + NODE_BORDER.node + 2,
      h: NODE_BOX.leaf.height + NODE_BORDER.node + 2,
    });
    expect(fonts.at(-1)).toBe(`normal normal ${LABEL_TEXT.size}px ${LABEL_TEXT.family}`);
  });
  it('grows with a label that cannot wrap inside the body', () => {
    const label = 'x'.repeat(30); // 180 px, one word
    expect(leafSize({ ...base, label }, measure)).toEqual({
      w: 180 + 4,
      h: NODE_BOX.leaf.height + NODE_BORDER.node + 2,
    });
  });
  it('gives rewrite ports, tall labels, faults and collapsed containers their boxes', () => {
    expect(leafSize({ ...base, rewrite: 'VLAN 1 → untagged' }, measure)).toEqual({
      w: NODE_BOX.rewrite.width + NODE_BORDER.rewrite + 2,
      h: NODE_BOX.rewrite.height + NODE_BORDER.rewrite + 2,
    });
    expect(leafSize({ ...base, lines: 4 }, measure).h).toBe(NODE_BOX.tallHeight(4) + NODE_BORDER.node + 2);
    expect(leafSize({ ...base, lines: 9 }, measure).h).toBe(
      NODE_BOX.tallHeight(NODE_BOX.tallMaxLines) + NODE_BORDER.node + 2,
    );
    expect(leafSize({ ...base, error: 'no such device' }, measure).w).toBe(
      NODE_BOX.leaf.width + NODE_BORDER.error + 2,
    );
    expect(leafSize({ ...base, kind: 'namespace', collapsed: true, lines: 4 }, measure)).toEqual({
      w: NODE_BOX.collapsed.width + NODE_BORDER.collapsed + 2 * NODE_BOX.containerPadding + 2,
      h: NODE_BOX.collapsed.height + NODE_BORDER.collapsed + 2 * NODE_BOX.containerPadding + 2,
    });
    expect(fonts.at(-1)).toContain(` bold ${LABEL_TEXT.titleSize}px`);
  });
});

describe('titleSize', () => {
  it('is the label box of a container title: bold, hosts bigger, lines stacked', () => {
    expect(titleSize({ kind: 'bridge', label: 'br-int' }, measure)).toEqual({
      w: 6 * 7 + 4,
      h: LABEL_TEXT.titleSize + 4,
    });
    expect(titleSize({ kind: 'host', label: 'compute' }, measure)).toEqual({
      w: 7 * 7 + 4,
      h: LABEL_TEXT.hostTitleSize + 4,
    });
    expect(titleSize({ kind: 'iface', label: 'bond0\ntrunk 10,20' }, measure).h).toBe(
      2 * LABEL_TEXT.titleSize + 4,
    );
  });
  it('is nothing without a title', () => {
    expect(titleSize({ kind: 'namespace', label: '' }, measure)).toEqual({ w: 0, h: 0 });
  });
});
