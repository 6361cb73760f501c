import { describe, expect, it } from 'vitest';
import { NO_VLAN_COLOR, VLAN_PALETTE, vlanColor } from './palette';
import { FINDING_COLORS, HIT_COLOR, NODE_COLORS, SELECTED_COLOR } from './style';

type Lab = [number, number, number];

const channels = (hex: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(m[1] ?? '', 16), Number.parseInt(m[2] ?? '', 16), Number.parseInt(m[3] ?? '', 16)];
};
const linear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
/** WCAG relative luminance. */
const luminance = (hex: string) => {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** sRGB → CIELAB (D65). */
function lab(hex: string): Lab {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deg = Math.PI / 180;
/** CIEDE2000 (Sharma, Wu, Dalal 2005), the colour difference closest to what people see. */
function deltaE2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1 = Math.hypot(a1p, b1);
  const c2 = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360);
  const h1 = hue(b1, a1p);
  const h2 = hue(b2, a2p);
  let dh = 0;
  if (c1 * c2 !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dL = l2 - l1;
  const dC = c2 - c1;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * deg);
  const lBar = (l1 + l2) / 2;
  const cBarP = (c1 + c2) / 2;
  let hBar = h1 + h2;
  if (c1 * c2 !== 0)
    hBar = Math.abs(h1 - h2) > 180 ? (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2 : (h1 + h2) / 2;
  const t =
    1 -
    0.17 * Math.cos((hBar - 30) * deg) +
    0.24 * Math.cos(2 * hBar * deg) +
    0.32 * Math.cos((3 * hBar + 6) * deg) -
    0.2 * Math.cos((4 * hBar - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta * deg) * rC;
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}
const dE = (a: string, b: string) => deltaE2000(lab(a), lab(b));

/**
 * Two VLAN colours at least this far apart are different colours at a glance, not shades of one
 * (CIEDE2000 differences of 2–10 are "perceptible at a glance"; above 10 colours stop looking
 * alike). The old palette gave VLANs 1 and 10 a difference of 4.4: the "nearly the same green".
 */
const MIN_BETWEEN_VLANS = 10;
/** Farther still from the colours that mean something else: a VLAN must not read as an error or a hit. */
const MIN_FROM_RESERVED = 18;
const RESERVED = {
  'error border': NODE_COLORS.error,
  'error finding': FINDING_COLORS.error,
  'warning finding / changed edit': FINDING_COLORS.warning,
  'search hit / refreshed': HIT_COLOR,
  selected: SELECTED_COLOR,
  'no VLAN': NO_VLAN_COLOR,
};

/** The VLANs commonly seen together: the first 32, and the round numbers operators pick. */
const COMMON = [...Array.from({ length: 32 }, (_, i) => i + 1), 100, 200, 1000];

describe('the ΔE measurement itself', () => {
  it('matches the CIEDE2000 reference pairs and sRGB → Lab reference values', () => {
    // Sharma, Wu, Dalal (2005), table 1: pairs 1, 7, 17 and 25.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
    const red = lab('#ff0000');
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
    expect(lab('#ffffff')[0]).toBeCloseTo(100, 3);
  });
});

describe('VLAN palette', () => {
  it('holds distinct #rrggbb colours, each a visible colour on a node', () => {
    expect(new Set(VLAN_PALETTE).size).toBe(VLAN_PALETTE.length);
    for (const c of VLAN_PALETTE) {
      const [l, a, b] = lab(c);
      expect([c, l >= 50 && l <= 90]).toEqual([c, true]);
      expect([c, Math.hypot(a, b) >= 25]).toEqual([c, true]);
      // A 2 px border must stand out from the node's fill (WCAG's 3:1 for graphical objects).
      expect([c, contrast(c, NODE_COLORS.fill) >= 3]).toEqual([c, true]);
    }
  });

  it(`keeps every two colours ΔE ≥ ${MIN_BETWEEN_VLANS} apart`, () => {
    const close: string[] = [];
    for (const [i, a] of VLAN_PALETTE.entries())
      for (const b of VLAN_PALETTE.slice(i + 1))
        if (dE(a, b) < MIN_BETWEEN_VLANS) close.push(`${a}~${b} ${dE(a, b).toFixed(1)}`);
    expect(close).toEqual([]);
  });

  it(`keeps every colour ΔE ≥ ${MIN_FROM_RESERVED} from the error, hit, warning, selection and no-VLAN colours`, () => {
    const close: string[] = [];
    for (const c of VLAN_PALETTE)
      for (const [what, r] of Object.entries(RESERVED))
        if (dE(c, r) < MIN_FROM_RESERVED) close.push(`${c} ~ ${what} ${dE(c, r).toFixed(1)}`);
    expect(close).toEqual([]);
  });
});

describe('vlanColor', () => {
  it('gives the VLANs commonly seen together (1–32, 100, 200, 1000) clearly different colours', () => {
    const close: string[] = [];
    for (const [i, v] of COMMON.entries())
      for (const w of COMMON.slice(i + 1)) {
        const d = dE(vlanColor(v), vlanColor(w));
        if (d < MIN_BETWEEN_VLANS) close.push(`VLAN ${v} ~ VLAN ${w}: ${d.toFixed(1)}`);
      }
    expect(close).toEqual([]);
    // The pair the issue named.
    expect(dE(vlanColor(1), vlanColor(10))).toBeGreaterThan(MIN_BETWEEN_VLANS);
  });

  it('never gives two VLANs less than a palette apart the same colour, anywhere in 1–4094', () => {
    const n = VLAN_PALETTE.length;
    const same: string[] = [];
    for (let v = 1; v <= 4094; v++)
      for (let w = v + 1; w < v + n && w <= 4094; w++)
        if (vlanColor(v) === vlanColor(w)) same.push(`${v}~${w}`);
    expect(same).toEqual([]);
  });

  it('draws ports without an access VLAN grey, and is the same for a VLAN on every call', () => {
    expect(vlanColor(null)).toBe(NO_VLAN_COLOR);
    expect(vlanColor(undefined)).toBe(NO_VLAN_COLOR);
    expect(vlanColor(1)).toBe(VLAN_PALETTE[0]);
    expect(vlanColor(54)).toBe(VLAN_PALETTE[0]);
    expect(VLAN_PALETTE).toContain(vlanColor(4094));
  });
});
