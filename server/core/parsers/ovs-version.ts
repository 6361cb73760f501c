/**
 * `ovs-vswitchd (Open vSwitch) 3.1.0`: the line `ovs-vswitchd --version` prints first, later lines
 * name what the build links (`DPDK 22.11.1`) or when it was compiled. The dotted numbers are
 * upstream's version; a distribution suffix (`3.3.0-1ubuntu1`) is left out.
 */
const VERSION_LINE = /^ovs-vswitchd \(Open vSwitch\) (\d+(?:\.\d+)+)/m;

/**
 * The OVS version from `ovs-vswitchd --version`: the installed binary's, which is the running
 * daemon's unless an upgrade awaits a restart. Null when the text holds none.
 */
export function parseOvsVersion(text: string): string | null {
  return VERSION_LINE.exec(text)?.[1] ?? null;
}
