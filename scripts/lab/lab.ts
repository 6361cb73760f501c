import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  anchorPid,
  buildHost,
  destroyHost,
  ensureLabBridge,
  generateHostKey,
  type HostRef,
  hostExec,
  hostKeyFingerprint,
  livePid,
  ovsdbAnswers,
  pidFiles,
  removeLabBridge,
  sshdAnswers,
  startSshd,
} from './host';
import { LAB_USERS } from './host-script';
import { ensureClientKeys, writeKnownHosts } from './keys';
import { hashLabPassword, newLabPassword } from './password';
import { hostDir, knownHostsPath, labDir, userKeyPath } from './paths';
import { preflight } from './preflight';
import { loadScenario } from './scenario';
import { scenarioScript } from './scenario-script';
import type { RunResult } from './shell';
import { type HostSpec, parseSpecs } from './specs';
import {
  allocateOctet,
  emptyState,
  hostNetnsName,
  LAB_SUBNET,
  type LabHost,
  type LabHostRecord,
  type LabState,
  labHostSchema,
  readLabState,
  rootVethName,
  UNUSED_ADDRESS,
  writeLabState,
} from './state';

export type { LabHost, LabHostRecord, LabState } from './state';
export { labHostSchema, labStateSchema, readLabState } from './state';

export type LabHostStatus = LabHost & { sshd: boolean; ovsdb: boolean; healthy: boolean };

/** Scenarios `up` builds when given none: what the integration tests use. */
export const DEFAULT_SPECS = ['openstack-aio', 'compute', 'empty'];
const SSH_PORT = 22;
const CONCURRENCY = Number(process.env.LAB_CONCURRENCY ?? 4);

// Daemons and ip live in sbin; make sure children find them whatever PATH npm gave us.
process.env.PATH = `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin`;

const toLabHost = (r: LabHostRecord): LabHost => labHostSchema.parse(r);
const refOf = (name: string): HostRef => ({
  name,
  dir: hostDir(name),
  netns: hostNetnsName(name),
  rootVeth: '',
});

/** One lab command at a time (tests, benchmarks and people share the lab): wait for the holder. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(labDir, { recursive: true });
  const lock = path.join(labDir, 'lock');
  for (let waited = 0; ; waited += 100) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(lock, 'utf8').trim());
      } catch {
        continue; // released between our two calls
      }
      if (!holder || !existsSync(`/proc/${holder}`)) rmSync(lock, { force: true });
      else if (waited > 600_000) throw new Error(`lab is locked by pid ${holder} (${lock})`);
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

async function health(h: LabHostRecord): Promise<{ sshd: boolean; ovsdb: boolean }> {
  const [sshd, ovsdb] = await Promise.all([sshdAnswers(h.address, h.port), ovsdbAnswers(h)]);
  const vswitchd = livePid(h.pidFiles.vswitchd, h.netns) !== null;
  return { sshd, ovsdb: ovsdb && vswitchd };
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

function saveState(state: LabState): void {
  writeLabState(state);
  writeKnownHosts(state);
}

/** Bring up the hosts named by `specs` (CLI syntax); healthy ones are left alone, broken ones rebuilt. */
export async function labUp(specs: string[] = DEFAULT_SPECS): Promise<LabHost[]> {
  preflight();
  const wanted = parseSpecs(specs.length ? specs : DEFAULT_SPECS);
  await ensureClientKeys();
  return withLock(async () => {
    const state = readLabState() ?? emptyState();
    for (const w of wanted) state.allocations[w.name] = allocateOctet(state.allocations, w.name);
    saveState(state);

    const upNames = new Set([...state.hosts.map((h) => h.name), ...wanted.map((w) => w.name)]);
    const addressOf = (name: string) => {
      const octet = state.allocations[name];
      return upNames.has(name) && octet !== undefined ? `${LAB_SUBNET}.${octet}` : UNUSED_ADDRESS;
    };
    const compiled = new Map(
      wanted.map((w) => {
        const script = scenarioScript(loadScenario(w.scenario, addressOf(w.name), addressOf));
        return [w.name, { script, hash: createHash('sha256').update(script).digest('hex') }];
      }),
    );

    const toBuild: HostSpec[] = [];
    for (const w of wanted) {
      const existing = state.hosts.find((h) => h.name === w.name);
      if (
        existing &&
        existing.scenario === w.scenario &&
        existing.scenarioHash === compiled.get(w.name)?.hash
      ) {
        const hs = await health(existing);
        if (hs.sshd && hs.ovsdb) continue;
      }
      toBuild.push(w);
    }

    const errors: string[] = [];
    // Once, before the parallel builds: each creating it raced ("File exists").
    if (toBuild.length > 0) await ensureLabBridge();
    // One password per `up` for the hosts it builds; hosts left alone keep theirs.
    const password = newLabPassword();
    const passwordHash = toBuild.length > 0 ? await hashLabPassword(password) : '';
    await pool(toBuild, CONCURRENCY, async (w) => {
      const octet = state.allocations[w.name] ?? 0;
      const address = `${LAB_SUBNET}.${octet}`;
      const ref: HostRef = {
        name: w.name,
        dir: hostDir(w.name),
        netns: hostNetnsName(w.name),
        rootVeth: rootVethName(octet),
      };
      const previous = state.hosts.find((h) => h.name === w.name);
      state.hosts = state.hosts.filter((h) => h.name !== w.name);
      try {
        await destroyHost(previous ?? ref);
        const { script, hash } = compiled.get(w.name) ?? { script: '', hash: '' };
        const started = Date.now();
        await buildHost({ ...ref, address, port: SSH_PORT, scenarioScript: script, passwordHash });
        const record: LabHostRecord = {
          name: w.name,
          scenario: w.scenario,
          address,
          port: SSH_PORT,
          rootKeyPath: userKeyPath('root'),
          users: {
            root: { user: 'root', keyPath: userKeyPath('root') },
            sudo: { user: LAB_USERS.sudo.user, keyPath: userKeyPath(LAB_USERS.sudo.user) },
            sudoPassword: {
              user: LAB_USERS.sudoPassword.user,
              keyPath: userKeyPath(LAB_USERS.sudoPassword.user),
            },
            password: { user: LAB_USERS.password.user, password },
          },
          knownHostsPath,
          hostKeyFingerprint: await hostKeyFingerprint(ref.dir),
          netns: ref.netns,
          dir: ref.dir,
          rootVeth: ref.rootVeth,
          pidFiles: pidFiles(ref.dir),
          scenarioHash: hash,
          builtAt: new Date().toISOString(),
          buildMs: Date.now() - started,
        };
        state.hosts.push(record);
        state.hosts.sort((a, b) => (state.allocations[a.name] ?? 0) - (state.allocations[b.name] ?? 0));
        saveState(state);
      } catch (e) {
        errors.push(`${w.name}: ${(e as Error).message}`);
        await destroyHost(ref).catch(() => undefined);
        saveState(state);
      }
    });
    if (errors.length) throw new Error(`lab up failed for ${errors.length} host(s):\n${errors.join('\n')}`);
    return wanted.map((w) => {
      const rec = state.hosts.find((h) => h.name === w.name);
      if (!rec) throw new Error(`host ${w.name} missing from state`);
      return toLabHost(rec);
    });
  });
}

/** Remove the named hosts (all when omitted); with none left, the lab bridge goes too. */
export async function labDown(names?: string[]): Promise<void> {
  preflight();
  await withLock(async () => {
    const state = readLabState() ?? emptyState();
    const recorded = state.hosts.map((h) => h.name);
    // Host directories are records too: a crashed `up` may have left a host the state lacks.
    const dirs = existsSync(path.join(labDir, 'hosts')) ? readdirSync(path.join(labDir, 'hosts')) : [];
    const targets = names ?? [...new Set([...recorded, ...dirs])];
    for (const name of targets) {
      const rec = state.hosts.find((h) => h.name === name);
      const octet = state.allocations[name];
      await destroyHost(rec ?? { ...refOf(name), rootVeth: octet ? rootVethName(octet) : '' });
      state.hosts = state.hosts.filter((h) => h.name !== name);
      saveState(state);
    }
    if (state.hosts.length === 0) await removeLabBridge();
  });
}

export async function labStatus(): Promise<LabHostStatus[]> {
  const state = readLabState();
  if (!state) return [];
  return Promise.all(
    state.hosts.map(async (h) => {
      const hs = await health(h);
      return { ...toLabHost(h), ...hs, healthy: hs.sshd && hs.ovsdb };
    }),
  );
}

/**
 * Brings up those of the named hosts that are not up and healthy; returns the ones it brought up,
 * so a test can take down exactly those and leave a lab someone else runs alone.
 */
export async function labUpMissing(names: string[]): Promise<string[]> {
  const healthy = new Set((await labStatus()).filter((h) => h.healthy).map((h) => h.name));
  const missing = names.filter((n) => !healthy.has(n));
  if (missing.length) await labUp(missing);
  return missing;
}

function record(name: string): LabHostRecord {
  const rec = readLabState()?.hosts.find((h) => h.name === name);
  if (!rec) throw new Error(`lab host "${name}" is not up`);
  return rec;
}

/** Run `command` inside the host's netns + mount ns (as the daemons see the world). */
export function labHostExec(name: string, command: string[]): Promise<RunResult> {
  return hostExec(record(name), command);
}

export async function labHostStopSshd(name: string): Promise<void> {
  const rec = record(name);
  const pid = livePid(rec.pidFiles.sshd, rec.netns);
  if (pid === null) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && (await sshdAnswers(rec.address, rec.port, 200)); i++);
}

export async function labHostStartSshd(name: string): Promise<void> {
  const rec = record(name);
  if (await sshdAnswers(rec.address, rec.port)) return;
  const r = await startSshd(rec);
  if (r.code !== 0) throw new Error(`starting sshd on ${name}: ${r.stderr}`);
  for (let i = 0; i < 100 && !(await sshdAnswers(rec.address, rec.port, 200)); i++);
}

/**
 * Give the host a new host key and restart its sshd. State and .lab/known_hosts follow the new
 * key; a client that pinned the old one must now refuse the host.
 */
export async function labHostRotateHostKey(name: string): Promise<{ before: string; after: string }> {
  const rec = record(name);
  if (anchorPid(rec) === null) throw new Error(`lab host ${name} is not running`);
  const before = rec.hostKeyFingerprint;
  await labHostStopSshd(name);
  await generateHostKey(rec.dir);
  await labHostStartSshd(name);
  const after = await hostKeyFingerprint(rec.dir);
  const state = readLabState();
  if (state) {
    for (const h of state.hosts) if (h.name === name) h.hostKeyFingerprint = after;
    saveState(state);
  }
  return { before, after };
}

/** Pids of the host's sshd session processes (children of the sshd daemon this lab started). */
function sshdSessionPids(rec: LabHostRecord): number[] {
  const master = livePid(rec.pidFiles.sshd, rec.netns);
  if (master === null) return [];
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${master}/task`)) {
    const text = readFileSync(`/proc/${master}/task/${task}/children`, 'utf8').trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

/**
 * Drop every SSH session to the host the way a network cut or a crashed sshd child would: its
 * session processes (children of the lab's own sshd, found by pid) get SIGKILL. The daemon stays,
 * so new connections work. Returns how many sessions were cut.
 */
export function labHostKillSessions(name: string): number {
  const pids = sshdSessionPids(record(name));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  return pids.length;
}

/** Stop the host's ovsdb-server (by its pid file); labHostStartOvsdb brings it back. */
export function labHostStopOvsdb(name: string): void {
  const rec = record(name);
  const pid = livePid(rec.pidFiles.ovsdb, rec.netns);
  if (pid !== null) process.kill(pid, 'SIGTERM');
}

/** Start the host's ovsdb-server again on its database, as the lab first did (host-script.ts). */
export async function labHostStartOvsdb(name: string): Promise<void> {
  const rec = record(name);
  if (livePid(rec.pidFiles.ovsdb, rec.netns) !== null) return;
  const started = await hostExec(rec, [
    'ovsdb-server',
    `${rec.dir}/conf.db`,
    '--remote=punix:/run/openvswitch/db.sock',
    '--remote=db:Open_vSwitch,Open_vSwitch,manager_options',
    '--pidfile',
    '--detach',
    `--log-file=${rec.dir}/ovsdb-server.log`,
  ]);
  if (started.code !== 0) throw new Error(`starting ovsdb-server on ${name}: ${started.stderr}`);
  await hostExec(rec, ['cp', '/run/openvswitch/ovsdb-server.pid', rec.pidFiles.ovsdb]);
}
