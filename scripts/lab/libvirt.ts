import type { Domain, Scenario } from './scenario-schema';
import { heredoc } from './shell-quote';

// libvirt on a lab host, without QEMU or a daemon: libvirt's test driver runs inside the client
// library and serves the domains of one XML file (`test:///path`). The host's libvirt client
// config names that file as the default URI, as /etc/libvirt/libvirt.conf does on a real host, so
// a plain `virsh` in an SSH session lists the scenario's domains. A host whose scenario has no
// libvirt block gets no virsh at all, whatever this machine has installed.

/** Inside the host's private /run (see host-script.ts). */
const LIBVIRT_DIR = '/run/lab-libvirt';
export const LIBVIRT_URI = `test://${LIBVIRT_DIR}/node.xml`;

/** virDomainState numbers the test driver reads from `<test:runstate>`. */
const RUNSTATE: Record<Domain['state'], number> = { running: 1, paused: 3, shutoff: 5 };

const esc = (s: string): string => s.replace(/[&<>'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function interfaceXml(i: Domain['interfaces'][number]): string[] {
  const type = i.bridge ? 'bridge' : i.network ? 'network' : 'ethernet';
  return [
    `      <interface type='${type}'>`,
    `        <mac address='${esc(i.mac)}'/>`,
    ...(i.bridge ? [`        <source bridge='${esc(i.bridge)}'/>`] : []),
    ...(i.network ? [`        <source network='${esc(i.network)}'/>`] : []),
    // Without an interfaceid libvirt invents one, and the test driver would on every connection.
    ...(i.interfaceId
      ? [
          "        <virtualport type='openvswitch'>",
          `          <parameters interfaceid='${esc(i.interfaceId)}'/>`,
          '        </virtualport>',
        ]
      : []),
    ...(i.target ? [`        <target dev='${esc(i.target)}'/>`] : []),
    ...(i.model ? [`        <model type='${esc(i.model)}'/>`] : []),
    '      </interface>',
  ];
}

/** The test driver's node file: one `<domain>` per scenario domain. */
export function libvirtNodeXml(domains: Domain[]): string {
  const lines = ['<node>'];
  for (const d of domains)
    lines.push(
      "  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>",
      `    <name>${esc(d.name)}</name>`,
      `    <uuid>${d.uuid}</uuid>`,
      '    <memory>65536</memory>',
      '    <os><type>hvm</type></os>',
      '    <devices>',
      ...d.interfaces.flatMap(interfaceXml),
      '    </devices>',
      `    <test:runstate>${RUNSTATE[d.state]}</test:runstate>`,
      '  </domain>',
    );
  lines.push('</node>');
  return `${lines.join('\n')}\n`;
}

/**
 * Build-script lines (run inside the host's mount namespace). With domains: the node file, and
 * the default URI for root (/etc/libvirt/libvirt.conf, bind-mounted) and for every lab user
 * (~/.config/libvirt/libvirt.conf: libvirt reads no /etc file for them). Without: virsh hidden
 * under a bind-mounted /dev/null, which is not executable, so `command -v virsh` finds nothing.
 */
export function libvirtScript(s: Scenario): string {
  if (!s.libvirt) {
    return `${[
      'for f in /usr/local/sbin/virsh /usr/local/bin/virsh /usr/sbin/virsh /usr/bin/virsh /sbin/virsh /bin/virsh; do',
      '  if [ -f "$f" ]; then mount --bind /dev/null "$f"; fi',
      'done',
    ].join('\n')}\n`;
  }
  const conf = `${LIBVIRT_DIR}/libvirt.conf`;
  return [
    'if ! command -v virsh >/dev/null || [ ! -f /etc/libvirt/libvirt.conf ]; then',
    "  echo 'this scenario has libvirt domains: apt-get install -y libvirt-clients' >&2; exit 1",
    'fi',
    `mkdir -p ${LIBVIRT_DIR}`,
    heredoc(
      `cat > ${LIBVIRT_DIR}/node.xml`,
      libvirtNodeXml(s.libvirt.domains).trimEnd().split('\n'),
    ).trimEnd(),
    `echo 'uri_default = "${LIBVIRT_URI}"' > ${conf}`,
    `mount --bind ${conf} /etc/libvirt/libvirt.conf`,
    'for h in /run/home/*; do',
    `  mkdir -p "$h/.config/libvirt" && cp ${conf} "$h/.config/libvirt/"`,
    '  chown -R "$(stat -c %u:%g "$h")" "$h/.config"',
    'done',
    '',
  ].join('\n');
}
