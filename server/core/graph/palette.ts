/**
 * VLAN colours: twelve hues readable on the dark canvas, none of them the error red or the
 * search/refresh amber. A VLAN keeps its
 * colour across reads and hosts because the colour depends only on the VLAN number.
 */
export const VLAN_PALETTE = [
  '#4fa3ff',
  '#4cc38a',
  '#b18cff',
  '#f5a524',
  '#2dd4bf',
  '#e879f9',
  '#a3e635',
  '#fb923c',
  '#93c5fd',
  '#c084fc',
  '#34d399',
  '#fda4af',
] as const;

export const NO_VLAN_COLOR = '#5b6673';

export function vlanColor(vlan: number | null | undefined): string {
  if (vlan === null || vlan === undefined) return NO_VLAN_COLOR;
  return VLAN_PALETTE[Math.abs(vlan) % VLAN_PALETTE.length] ?? NO_VLAN_COLOR;
}
