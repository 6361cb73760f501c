// biome-ignore format: a table, eight colours a row; the order is the farthest-first order
/**
 * VLAN colours, picked for distance rather than as hues in order: the old twelve hues gave VLAN
 * 1 and VLAN 10 greens 4.4 apart (CIEDE2000), which read as one colour on a 2 px border.
 *
 * These 53 were chosen by a max-min search over sRGB in CIEDE2000 under three constraints: L*
 * 50–90 (at least 3:1 against the dark node fill, so a thin border is seen as a colour), chroma
 * ≥ 25 (a colour, not a grey), and ΔE ≥ 18 from the colours that already mean something on the
 * canvas (error red, search/refresh and warning amber, selection blue, the no-VLAN grey). Any two
 * of them are ΔE ≥ 10 apart: different colours, not shades of one. The order is farthest-first
 * (each entry the farthest from those before it), so VLANs 1, 2, 3… get the most distinct ones.
 * palette.test.ts measures all of this.
 */
export const VLAN_PALETTE = [
  '#00ff96', '#f00fd2', '#0f87a5', '#d25a00', '#78874b', '#f0d2ff', '#3cf0ff', '#ffc3a5',
  '#8787b4', '#d2f000', '#a56978', '#00a596', '#a58700', '#d2e1a5', '#b48769', '#6969ff',
  '#0087f0', '#d296b4', '#b4c3ff', '#4ba50f', '#ff0087', '#b478ff', '#87c378', '#0fa569',
  '#a59669', '#8796ff', '#a5f0e1', '#3cff00', '#96c30f', '#ffa5f0', '#00d2c3', '#c378c3',
  '#c3a5f0', '#0f8769', '#ff69ff', '#1ed296', '#879600', '#3c873c', '#78b496', '#00ffd2',
  '#966996', '#2d8787', '#00d23c', '#ff69b4', '#c300ff', '#c34b96', '#b4f078', '#a5f0b4',
  '#96a578', '#a5693c', '#ffb4c3', '#87784b', '#a55ac3',
] as const;

export const NO_VLAN_COLOR = '#5b6673';

/**
 * VLAN v gets entry (v − 1) mod 53, so VLAN 1 gets the first. Any two VLANs less than 53 apart
 * (a range a cloud allocates in order, 1000, 1001, …) get different colours, and 53 is the
 * smallest such palette in which the round numbers 100, 200 and 1000 also differ from each other
 * and from every VLAN 1–32. A VLAN keeps its colour across reads and hosts: the colour depends
 * only on its number.
 */
export function vlanColor(vlan: number | null | undefined): string {
  if (vlan === null || vlan === undefined) return NO_VLAN_COLOR;
  const n = VLAN_PALETTE.length;
  return VLAN_PALETTE[(((vlan - 1) % n) + n) % n] ?? NO_VLAN_COLOR;
}
