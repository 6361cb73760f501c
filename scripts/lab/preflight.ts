import { accessSync, constants } from 'node:fs';
import path from 'node:path';

// The lab needs root and a few Debian packages; say exactly which are missing.
const tools: [string, string][] = [
  ['ip', 'iproute2'],
  ['ovs-vsctl', 'openvswitch-common'],
  ['ovs-ofctl', 'openvswitch-common'],
  ['ovsdb-tool', 'openvswitch-common'],
  ['ovsdb-server', 'openvswitch-switch'],
  ['ovs-vswitchd', 'openvswitch-switch'],
  ['sshd', 'openssh-server'],
  ['ssh-keygen', 'openssh-client'],
  ['nsenter', 'util-linux'],
  ['unshare', 'util-linux'],
];

function onPath(tool: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.some((d) => {
    try {
      accessSync(path.join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function preflight(): void {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('the lab must run as root (namespaces, veths, OVS daemons)');
  const missing = tools.filter(([t]) => !onPath(t));
  if (missing.length) {
    const pkgs = [...new Set(missing.map(([, p]) => p))];
    problems.push(`missing ${missing.map(([t]) => t).join(', ')}: apt-get install -y ${pkgs.join(' ')}`);
  }
  if (problems.length) throw new Error(`lab cannot start:\n- ${problems.join('\n- ')}`);
}
