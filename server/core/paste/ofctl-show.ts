import { atom } from './datum';

/**
 * `ovs-ofctl show BRIDGE` (and `dump-ports-desc`, which prints the same port list): the OpenFlow
 * port number of each port, which is what flows printed without `--names` say (`in_port=2`).
 */

export interface OfctlPort {
  /** OpenFlow port number; LOCAL (the bridge's own port) is 65534, as OVSDB's ofport says. */
  ofport: number;
  name: string;
  /**
   * `addr:` — the MAC OVSDB keeps as mac_in_use. OVS prints all zeros when it cannot read the
   * device (an internal port moved into another namespace), where OVSDB keeps none: null.
   */
  mac: string | null;
  /** `config: PORT_DOWN` → down. */
  adminState: 'up' | 'down' | null;
  /** `state: LINK_DOWN` → down. */
  linkState: 'up' | 'down' | null;
  /** `speed: N Mbps now`, in bits per second like OVSDB's link_speed; null when 0 or absent. */
  linkSpeed: number | null;
}

export interface OfctlShowParse {
  /** The bridge named by the LOCAL port, which carries the bridge's name. */
  localName: string | null;
  datapathId: string | null;
  ports: OfctlPort[];
  errors: string[];
}

/** The bridge's own port (OpenFlow 1.0's OFPP_LOCAL), the number OVSDB gives its ofport. */
export const OFPP_LOCAL = 65534;
const PORT = /^(\d+|LOCAL)\((.*)\):\s*addr:\s*(\S+)/;
const DPID = /\bdpid:\s*([0-9a-f]+)/i;
const PROPERTY = /^(config|state|speed|current|advertised|supported|peer):\s*(.*)$/;
/** Reply headers and the switch features ovs-ofctl prints before the ports. */
const SKIPPED = /^(?:OFP[A-Z]*_[A-Z_]+|n_tables:|capabilities:|actions:)/;

export function parseOfctlShow(text: string): OfctlShowParse {
  const result: OfctlShowParse = { localName: null, datapathId: null, ports: [], errors: [] };
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines[0]?.startsWith('ovs-ofctl:')) return { ...result, errors: [lines[0]] };
  let port: OfctlPort | null = null;
  for (const line of lines) {
    const dpid = DPID.exec(line);
    if (dpid && line.startsWith('OFPT_FEATURES_REPLY')) result.datapathId = (dpid[1] as string).toLowerCase();
    const p = PORT.exec(line);
    if (p) {
      const [, number, rawName, mac] = p as unknown as [string, string, string, string];
      const name = atom(rawName);
      port = {
        ofport: number === 'LOCAL' ? OFPP_LOCAL : Number(number),
        name,
        mac: mac === '00:00:00:00:00:00' ? null : mac.toLowerCase(),
        adminState: null,
        linkState: null,
        linkSpeed: null,
      };
      if (number === 'LOCAL') result.localName = name;
      result.ports.push(port);
      continue;
    }
    const prop = PROPERTY.exec(line);
    if (prop && port) {
      const [, key, value] = prop as unknown as [string, string, string];
      const words = value.split(/\s+/);
      if (key === 'config') port.adminState = words.includes('PORT_DOWN') ? 'down' : 'up';
      else if (key === 'state') port.linkState = words.includes('LINK_DOWN') ? 'down' : 'up';
      else if (key === 'speed') {
        const mbps = Number(/^(\d+)\s*Mbps now/.exec(value)?.[1] ?? 0);
        port.linkSpeed = mbps > 0 ? mbps * 1_000_000 : null;
      }
      continue;
    }
    if (SKIPPED.test(line)) continue;
    result.errors.push(`not ovs-ofctl show output: ${line.slice(0, 200)}`);
  }
  if (result.ports.length === 0 && result.errors.length === 0) result.errors.push('no ports listed');
  return result;
}
