import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootstrapScript, type HostFiles, sshdConfig, startSshdCommand } from './host-script';
import { authorizedKeysDir } from './paths';
import { run, runOk } from './shell';
import { q } from './shell-quote';
import { LAB_BRIDGE } from './state';

// Building, probing and removing one lab host. Processes are found through the pid files the
// daemons wrote and checked against the host's network namespace before any signal is sent.

export type HostRef = { name: string; dir: string; netns: string; rootVeth: string };
export type HostPlan = HostRef & {
  address: string;
  port: number;
  scenarioScript: string;
  passwordHash: string;
};

export const hostKeyPath = (dir: string) => path.join(dir, 'ssh_host_ed25519_key');
const pidFileNames = { ovsdb: 'ovsdb-server.pid', vswitchd: 'ovs-vswitchd.pid', sshd: 'sshd.pid' } as const;
export const pidFiles = (dir: string) => ({
  ovsdb: path.join(dir, pidFileNames.ovsdb),
  vswitchd: path.join(dir, pidFileNames.vswitchd),
  sshd: path.join(dir, pidFileNames.sshd),
});

export async function ensureLabBridge(): Promise<void> {
  const { name, address, prefix } = LAB_BRIDGE;
  if (!existsSync(`/sys/class/net/${name}`)) await runOk('ip', ['link', 'add', name, 'type', 'bridge']);
  const addr = await runOk('ip', ['-o', 'addr', 'show', 'dev', name]);
  if (!addr.stdout.includes(` ${address}/`))
    await runOk('ip', ['addr', 'add', `${address}/${prefix}`, 'dev', name]);
  await runOk('ip', ['link', 'set', name, 'up']);
}

export async function removeLabBridge(): Promise<void> {
  if (existsSync(`/sys/class/net/${LAB_BRIDGE.name}`)) await runOk('ip', ['link', 'del', LAB_BRIDGE.name]);
}

function netnsInode(netns: string): number | null {
  try {
    return statSync(`/run/netns/${netns}`).ino;
  } catch {
    return null;
  }
}

function pidNetInode(pid: number): number | null {
  try {
    const m = /^net:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/ns/net`));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The pid in `file` if that process is alive and lives in the host's network namespace. */
export function livePid(file: string, netns: string): number | null {
  const ino = netnsInode(netns);
  if (ino === null) return null;
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 1 && pidNetInode(pid) === ino ? pid : null;
}

/** A pid inside the host's mount namespace (ovsdb first: it is the last daemon to go). */
export function anchorPid(ref: HostRef): number | null {
  const f = pidFiles(ref.dir);
  return livePid(f.ovsdb, ref.netns) ?? livePid(f.vswitchd, ref.netns) ?? livePid(f.sshd, ref.netns);
}

/** Run a command inside the host's network, mount and UTS namespaces. */
export async function hostExec(ref: HostRef, command: string[], input?: string) {
  const pid = anchorPid(ref);
  if (pid === null) throw new Error(`lab host ${ref.name}: no running daemon to enter`);
  return run('nsenter', ['-t', String(pid), '-m', '-n', '-u', '--', ...command], { input });
}

export function sshdAnswers(address: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: address, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('data', (d) => done(d.toString('latin1').startsWith('SSH-')));
    sock.once('timeout', () => done(false));
    sock.once('error', () => done(false));
  });
}

export async function ovsdbAnswers(ref: HostRef): Promise<boolean> {
  if (anchorPid(ref) === null) return false;
  const r = await hostExec(ref, ['ovs-vsctl', '--timeout=3', 'get', 'Open_vSwitch', '.', 'cur_cfg']);
  return r.code === 0;
}

export async function hostKeyFingerprint(dir: string): Promise<string> {
  const r = await runOk('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKeyPath(dir)}.pub`]);
  const fp = r.stdout.split(' ')[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${r.stdout}`);
  return fp;
}

export async function generateHostKey(dir: string): Promise<void> {
  rmSync(hostKeyPath(dir), { force: true });
  rmSync(`${hostKeyPath(dir)}.pub`, { force: true });
  await runOk('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    `lab-host@${path.basename(dir)}`,
    '-f',
    hostKeyPath(dir),
  ]);
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(25);
  }
}

export function startSshd(ref: HostRef) {
  return hostExec(ref, startSshdCommand(ref.dir));
}

/** Builds one lab host; the caller has run `ensureLabBridge` (once, before building hosts in parallel). */
export async function buildHost(plan: HostPlan): Promise<void> {
  const { dir, netns, rootVeth, address, port } = plan;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(hostKeyPath(dir))) await generateHostKey(dir);
  const files: HostFiles = {
    name: plan.name,
    dir,
    address,
    port,
    hostKey: hostKeyPath(dir),
    authorizedKeysDir,
    passwordHash: plan.passwordHash,
  };
  writeFileSync(path.join(dir, 'sshd_config'), sshdConfig(files));
  rmSync(path.join(dir, 'conf.db'), { force: true });
  await runOk('ovsdb-tool', [
    'create',
    path.join(dir, 'conf.db'),
    '/usr/share/openvswitch/vswitch.ovsschema',
  ]);

  await runOk('ip', ['-batch', '-'], {
    input: [
      `netns add ${netns}`,
      `link add ${rootVeth} type veth peer name eth0 netns ${netns}`,
      `link set ${rootVeth} master ${LAB_BRIDGE.name} up`,
    ].join('\n'),
  });
  // No IPv6 duplicate address detection on eth0 or later devices: a host must be settled when
  // `up` returns (DAD finishing later adds `local fe80::…` routes between two reads).
  await runOk('ip', [
    'netns',
    'exec',
    netns,
    'sysctl',
    '-qw',
    'net.ipv6.conf.all.accept_dad=0',
    'net.ipv6.conf.default.accept_dad=0',
    'net.ipv6.conf.eth0.accept_dad=0',
  ]);
  await runOk('ip', ['-n', netns, '-batch', '-'], {
    input: [
      'link set lo up',
      `address add ${address}/${LAB_BRIDGE.prefix} dev eth0`,
      'link set eth0 up',
    ].join('\n'),
  });

  const script = `set -e\n${bootstrapScript(files)}\n# scenario\n${plan.scenarioScript}\n${startSshdCommand(dir).map(q).join(' ')}\n`;
  writeFileSync(path.join(dir, 'build.sh'), script);
  const r = await run(
    'ip',
    [
      'netns',
      'exec',
      netns,
      'unshare',
      '-m',
      '-u',
      '--propagation',
      'private',
      'sh',
      '-e',
      path.join(dir, 'build.sh'),
    ],
    {
      timeoutMs: 600_000,
    },
  );
  writeFileSync(path.join(dir, 'build.log'), `${r.stdout}\n--- stderr ---\n${r.stderr}`);
  if (r.code !== 0)
    throw new Error(
      `building ${plan.name} failed (exit ${r.code}, see ${dir}/build.log):\n${r.stderr.trim().slice(-1500)}`,
    );
  // A host rebuilt at the same address has a new MAC: drop what this machine remembers of the
  // old one, or connections go to a gone veth until the neighbour entry ages out.
  await run('ip', ['neigh', 'flush', 'to', address]);
  if (!(await waitFor(() => sshdAnswers(address, port, 500), 10_000)))
    throw new Error(
      `lab host ${plan.name}: sshd does not answer on ${address}:${port} (see ${dir}/sshd.log)`,
    );
}

function pidsInNetns(ino: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 1 && pid !== process.pid && pidNetInode(pid) === ino) pids.push(pid);
  }
  return pids;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stop every process living in the host's network namespace (the daemons named by the pid files,
 * plus SSH sessions and anything they started), then delete the namespace: its veth, OVS taps and
 * nested namespaces go with it.
 */
export async function destroyHost(ref: HostRef): Promise<void> {
  const ino = netnsInode(ref.netns);
  if (ino !== null) {
    const f = pidFiles(ref.dir);
    const daemons = [f.sshd, f.vswitchd, f.ovsdb].map((p) => livePid(p, ref.netns)).filter((p) => p !== null);
    const pids = [...new Set([...daemons, ...pidsInNetns(ino)])];
    for (const pid of pids) signal(pid, 'SIGTERM');
    const gone = await waitFor(() => pids.every((p) => pidNetInode(p) !== ino), 3000);
    if (!gone) for (const pid of pids) if (pidNetInode(pid) === ino) signal(pid, 'SIGKILL');
    await runOk('ip', ['netns', 'del', ref.netns]);
  }
  if (ref.rootVeth) {
    const veth = `/sys/class/net/${ref.rootVeth}`;
    await waitFor(() => !existsSync(veth), 3000);
    if (existsSync(veth)) await run('ip', ['link', 'del', ref.rootVeth]);
  }
  for (const f of ['conf.db', '.conf.db.~lock~', ...Object.values(pidFileNames)])
    rmSync(path.join(ref.dir, f), { force: true });
}
