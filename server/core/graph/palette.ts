/**
 * VLAN colours: twelve hues far apart on the wheel and readable on a white canvas. A VLAN keeps its
 * colour across reads and hosts because the colour depends only on the VLAN number.
 */
export const VLAN_PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f00',
  '#393b79',
  '#637939',
  '#843c39',
] as const;

export const NO_VLAN_COLOR = '#6b7280';

export function vlanColor(vlan: number | null | undefined): string {
  if (vlan === null || vlan === undefined) return NO_VLAN_COLOR;
  return VLAN_PALETTE[Math.abs(vlan) % VLAN_PALETTE.length] ?? NO_VLAN_COLOR;
}
