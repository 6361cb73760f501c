/**
 * Cold CLI (issue 13): `patchbay snapshot` of the openstack-aio lab host as a new process each
 * time (node start, the built CLI, SSH, collection, output) against a new `ssh host true` each
 * time (OpenSSH: connect, authenticate, run). Medians of `runs`, the two alternating, after one
 * unmeasured snapshot (the command's V8 code cache written, as by any first use of a build).
 * Target: ≤ 1.3×.
 */
import { spawnSync } from 'node:child_process';
import { readLabState } from '@/scripts/lab/lab';
import { median } from './collect';

export const CLI_TARGET_RATIO = 1.3;

export interface CliBenchResult {
  cliMs: number;
  sshTrueMs: number;
  ratio: number;
}

function timed(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString().trim()}`);
  return performance.now() - t;
}

export function benchCli(runs = 7): CliBenchResult {
  const host = readLabState()?.hosts.find((h) => h.name === 'openstack-aio');
  if (!host) throw new Error('lab host openstack-aio is not up');
  const dest = `root@${host.address}`;
  const cli = [
    'scripts/patchbay.mjs',
    'snapshot',
    dest,
    '-i',
    host.rootKeyPath,
    '--known-hosts',
    host.knownHostsPath,
  ];
  const ssh = [
    '-i',
    host.rootKeyPath,
    '-o',
    `UserKnownHostsFile=${host.knownHostsPath}`,
    '-o',
    'BatchMode=yes',
    dest,
    'true',
  ];
  // Not measured: the build when stale, then the snapshot's first run on it, which writes the
  // command's code cache (scripts/patchbay.mjs) — as an operator's first use after an update does.
  timed(process.execPath, ['scripts/patchbay.mjs', '--help']);
  timed(process.execPath, cli);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(timed(process.execPath, cli));
    b.push(timed('ssh', ssh));
  }
  const cliMs = median(a);
  const sshTrueMs = median(b);
  return { cliMs, sshTrueMs, ratio: cliMs / sshTrueMs };
}
