/**
 * Reads `ovs-appctl dpif/show`: per datapath (backer), per bridge, each interface with its OpenFlow
 * port number and datapath port number. A trace prints OpenFlow numbers in its table matches and
 * datapath numbers in its datapath actions; this is what turns both back into names.
 *
 *   netdev@ovs-netdev: hit:26 missed:22
 *     br-ex:
 *       br-ex 65534/6: (tap)
 *       phy-br-ex 2/none: (patch: peer=int-br-ex)
 *       vxlan-c6120002 2/4: (vxlan: key=flow, local_ip=198.18.0.4, remote_ip=198.18.0.3)
 */

export interface DpifPort {
  /** Interface name as OVS knows it. */
  name: string;
  bridge: string;
  /** `netdev@ovs-netdev`, `system@ovs-system`. */
  backer: string;
  ofport: number;
  /** null for ports with no datapath port (patch ports). */
  dpPort: number | null;
  /** `system`, `internal`, `tap`, `patch`, `vxlan`, … */
  type: string;
  /** `peer`, `remote_ip`, `key`, … as printed. */
  options: Record<string, string>;
}

/** OpenFlow's LOCAL port: the bridge's own internal port. */
export const OFPP_LOCAL = 65534;

const BACKER = /^(\S+@\S+):/;
const BRIDGE = /^ {2}(\S+):$/;
const PORT = /^ {4}(\S+) (\d+)\/(\d+|none): \(([^:)]+)(?::\s*(.*))?\)$/;

export function parseDpifShow(text: string): DpifPort[] {
  const ports: DpifPort[] = [];
  let backer = '';
  let bridge = '';
  for (const line of text.replace(/\r/g, '').split('\n')) {
    const b = BACKER.exec(line);
    if (b) {
      backer = b[1] ?? '';
      continue;
    }
    const br = BRIDGE.exec(line);
    if (br) {
      bridge = br[1] ?? '';
      continue;
    }
    const p = PORT.exec(line);
    if (!p || !bridge) continue;
    ports.push({
      name: p[1] ?? '',
      bridge,
      backer,
      ofport: Number(p[2]),
      dpPort: p[3] === 'none' ? null : Number(p[3]),
      type: p[4] ?? '',
      options: optionsOf(p[5] ?? ''),
    });
  }
  return ports;
}

function optionsOf(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const part of text.split(', ')) {
    const eq = part.indexOf('=');
    if (eq > 0) options[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return options;
}

/** Lookups over one dpif/show: OpenFlow port of a bridge, datapath port of a backer. */
export class PortNumbers {
  constructor(readonly ports: readonly DpifPort[]) {}

  /** `2`, `LOCAL`, or a name as a trace or a flow prints it. */
  ofport(bridge: string, ref: string): DpifPort | undefined {
    const n = ref === 'LOCAL' ? OFPP_LOCAL : /^\d+$/.test(ref) ? Number(ref) : null;
    return this.ports.find((p) => p.bridge === bridge && (n === null ? p.name === ref : p.ofport === n));
  }

  /** Every interface on datapath port `dp` of the bridge's backer (tunnel ports share one). */
  dpPort(bridge: string, dp: number): DpifPort[] {
    const backer = this.ports.find((p) => p.bridge === bridge)?.backer;
    return this.ports.filter((p) => p.backer === backer && p.dpPort === dp);
  }
}
