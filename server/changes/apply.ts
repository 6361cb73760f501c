import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { collectHost, scopedModel, scopedReadSnippet } from '@/server/collect/collect-host';
import { planFingerprint } from '@/server/core/changes/fingerprint';
import { holdsAddress, touchesPath } from '@/server/core/changes/path';
import { checkScope, scopeFingerprint } from '@/server/core/changes/scope';
import type { Command } from '@/server/core/changes/shell-quote';
import type { Plan } from '@/server/core/changes/types';
import { type Unit, undoUnits, unitsOf } from '@/server/core/changes/units';
import type { HostModel } from '@/server/core/model';
import type { ReadScope } from '@/server/core/parse-host';
import type { SshPool, SshTarget } from '@/server/ssh';
import { planRoute } from '@/server/ssh/connect';
import { applyScript, confirmCommand, guardScript, HOST_DIR } from './apply-script';
import { backAtBase, describeMismatch, driftOf, type Mismatch, verifyOf } from './drift';
import { putAndRun, putFile, runFile } from './host-files';
import { lineSplitter, parseScriptLine, type ScriptEvent } from './progress';

export type RunOutcome =
  | 'applied'
  | 'refused'
  | 'conflict'
  | 'rolled-back'
  | 'rollback-incomplete'
  | 'reverted'
  /** The apply stopped on an error on Patchbay's side; the host finished or rolled back by itself. */
  | 'interrupted';

export interface RunEvent {
  at: string;
  phase: 'snapshot' | 'drift' | 'guard' | 'execute' | 'undo' | 'confirm' | 'verify' | 'done';
  status: 'start' | 'ok' | 'fail' | 'info';
  message: string;
  unit?: number;
}

export interface UnitResult {
  unit: number;
  steps: number[];
  /** As run: argument vectors, and a flow bundle's input lines. */
  commands: Command[];
  status: 'ok' | 'failed' | 'not run';
  rc: number | null;
  ms: number | null;
  stderr: string;
  undone: boolean | null;
}

export interface RunReport {
  id: string;
  host: string;
  who: string;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  message: string;
  drift: Mismatch[];
  /**
   * The host changed besides the objects this plan touches since it was planned: within the parts
   * the apply read (`scope`), or anywhere when the apply was refused for drift (then it reads all).
   */
  hostMoved: boolean;
  /** The parts of the host the checks read: the plan's objects, plus OVSDB and the root namespace. */
  scope: ReadScope;
  units: UnitResult[];
  verify: Mismatch[];
  /** After a rollback or revert: touched objects not back as the base had them (empty: back at base). */
  notAtBase: Mismatch[] | null;
  guard: { armed: boolean; seconds: number; confirmed: boolean | null; touches: string[] };
  baseFingerprint: string;
  /** The read that decided the outcome (verify, or the check after a rollback): the parts in `scope`. */
  result: HostModel | null;
}

export interface ApplyRequest {
  pool: SshPool;
  target: SshTarget;
  plan: Plan;
  who: string;
  /** Lockout guard delay (s): a plan on the management path reverts itself unless confirmed in time. */
  guardSeconds?: number;
  onEvent?: (e: RunEvent) => void;
  collectTimeoutMs?: number;
  /** Fault injection for the lab tests: pauses between units, and hooks between phases. */
  faults?: {
    pauseMs?: number;
    afterDriftCheck?: () => Promise<void>;
    /** Called once the apply script runs on the host (to cut the session mid-apply). */
    whileRunning?: () => Promise<void>;
  };
  /** A fixed run id (tests); a fresh UUID otherwise. */
  runId?: string;
}

/** The IP address Patchbay's SSH session arrives on (the last hop), for the lockout guard. */
async function managementAddress(pool: SshPool, target: SshTarget): Promise<string | null> {
  const last = planRoute(target, pool.settings).at(-1);
  if (!last) return null;
  if (isIP(last.host)) return last.host;
  try {
    return (await lookup(last.host)).address;
  } catch {
    return null;
  }
}

/**
 * One apply, start to end: drift check → (guard) → one on-host script (atomic OVSDB
 * transaction, commands one by one, rollback on failure, immune to a dropped session) →
 * (confirm over a new connection) → verify by reading again, rolling back a mismatch. Every
 * outcome leaves the host at its base or at the desired state; the report says which.
 */
export async function applyPlan(req: ApplyRequest): Promise<RunReport> {
  const { pool, target, plan } = req;
  const id = req.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const guardSeconds = req.guardSeconds ?? 60;
  const emit = (phase: RunEvent['phase'], status: RunEvent['status'], message: string, unit?: number) =>
    req.onEvent?.({
      at: new Date().toISOString(),
      phase,
      status,
      message,
      ...(unit === undefined ? {} : { unit }),
    });
  // The checks read only the parts holding the plan's objects, plus OVSDB and the root namespace
  // (where the management path is looked for): fast on a host with hundreds of namespaces.
  const scope = checkScope(plan.diff);
  const readAll = async () =>
    (await collectHost(pool, target, { timeoutMs: req.collectTimeoutMs ?? 60_000 })).model;
  const read = async () =>
    (await collectHost(pool, target, { timeoutMs: req.collectTimeoutMs ?? 60_000, scope })).model;
  const units = unitsOf(plan);
  const report: RunReport = {
    id,
    host: target.name,
    who: req.who,
    startedAt,
    finishedAt: startedAt,
    outcome: 'refused',
    message: '',
    drift: [],
    hostMoved: false,
    scope,
    units: units.map((u, unit) => ({
      unit,
      steps: u.steps,
      commands: u.forward,
      status: 'not run',
      rc: null,
      ms: null,
      stderr: '',
      undone: null,
    })),
    verify: [],
    notAtBase: null,
    guard: { armed: false, seconds: guardSeconds, confirmed: null, touches: [] },
    baseFingerprint: plan.baseFingerprint,
    result: null,
  };
  const done = (outcome: RunOutcome, message: string, result: HostModel | null = null) => {
    report.outcome = outcome;
    report.message = message;
    report.finishedAt = new Date().toISOString();
    if (result) report.result = result;
    emit('done', outcome === 'applied' ? 'ok' : 'fail', `${outcome}: ${message}`);
    return report;
  };

  // 1. Drift: the objects the plan touches must be as the plan found them.
  emit('drift', 'start', `reading ${target.name}`);
  const undoScript = applyScript(undoUnits(units), {
    runId: `${id}-undo`,
    holder: `guard of ${id}`,
    generation: id,
  });
  const [current, generation, mgmt] = await Promise.all([
    read(),
    pool.exec(target, `cat ${HOST_DIR}/generation 2>/dev/null || echo -`, { timeoutMs: 30_000 }),
    managementAddress(pool, target),
  ]);
  report.hostMoved =
    plan.scopeFingerprint !== undefined && scopeFingerprint(current, scope) !== plan.scopeFingerprint;
  report.drift = driftOf(plan.diff, current);
  if (report.drift.length > 0) {
    // Refused: worth a full read to say whether the rest of the host moved too.
    report.hostMoved = planFingerprint(await readAll()) !== plan.baseFingerprint;
    return done(
      'refused',
      `the host changed since the plan was made: ${report.drift.map(describeMismatch).join('; ')}${report.hostMoved ? ' (other objects moved too)' : ''}; plan again`,
    );
  }
  emit(
    'drift',
    'ok',
    report.hostMoved ? 'no drift in the planned objects (other objects moved)' : 'no drift',
  );
  if (units.length === 0) return done('applied', 'nothing to change', current);
  await req.faults?.afterDriftCheck?.();

  // 2. Guard: a plan on the path Patchbay's own session uses reverts itself unless confirmed.
  const gen = generation.stdout.trim().split('\n')[0] || '-';
  // The session's address is almost always in the root namespace, which the checks read; when it
  // is elsewhere, the guard decides on a full read.
  const pathModel = mgmt && !holdsAddress(current, mgmt) ? await readAll() : current;
  report.guard.touches = mgmt ? touchesPath(plan, pathModel, { address: mgmt }) : [];
  if (report.guard.touches.length > 0) {
    await putFile(pool, target, runFile(id, '.guard.sh'), guardScript(id, guardSeconds));
    const armed = await pool.exec(
      target,
      `setsid sh ${runFile(id, '.guard.sh')} </dev/null >/dev/null 2>&1 & echo armed`,
      { timeoutMs: 30_000 },
    );
    if (!armed.stdout.includes('armed'))
      return done('refused', `could not arm the lockout guard: ${armed.stderr.trim()}`);
    report.guard.armed = true;
    emit(
      'guard',
      'info',
      `touches the management path (${report.guard.touches.join(', ')}): reverts in ${guardSeconds} s unless confirmed`,
    );
  }

  // 3. Execute on the host as one unit.
  const script = applyScript(units, {
    runId: id,
    holder: `${req.who} since ${startedAt}`,
    generation: gen,
    undo: undoScript,
    readAfter: scopedReadSnippet(scope),
    ...(req.faults?.pauseMs ? { pauseMs: req.faults.pauseMs } : {}),
  });
  const events: ScriptEvent[] = [];
  const onEvent = (e: ScriptEvent) => {
    events.push(e);
    record(report, units, e, emit);
  };
  // The run's own lines end where its read of the host (for verify) begins.
  let reading = false;
  const split = lineSplitter((line) => {
    if (reading || line.startsWith('@@PATCHBAY:STREAM')) {
      reading = true;
      return;
    }
    const e = parseScriptLine(line);
    if (e) onEvent(e);
  });
  const running = putAndRun(pool, target, runFile(id, '.sh'), script, {
    onStdout: split,
    timeoutMs: 30 * 60_000,
  });
  void req.faults?.whileRunning?.();
  let exitCode: number | null = null;
  let output = '';
  try {
    const result = await running;
    exitCode = result.code;
    output = result.stdout;
  } catch {
    // The session dropped: the script goes on by itself. Wait for it on a new connection and
    // read what it did from its log.
    emit('execute', 'info', 'the SSH session dropped; waiting for the host to finish the run by itself');
    const log = await recoverLog(pool, target, id);
    report.units.forEach((u) => {
      u.status = 'not run';
    });
    for (const line of log.split('\n')) {
      const e = parseScriptLine(line);
      if (e) onEvent(e);
    }
  }
  const busy = events.find((e) => e.type === 'busy');
  if (busy || exitCode === 75)
    return done(
      'conflict',
      `another apply is running on ${target.name}${busy?.type === 'busy' && busy.holder ? ` (${busy.holder})` : ''}; try again when it ends`,
    );
  const stale = events.find((e) => e.type === 'stale');
  if (stale || exitCode === 76)
    return done('refused', `another apply changed ${target.name} after the drift check; plan again`);
  if (exitCode === 77)
    return done(
      'refused',
      `could not write the run's undo program in ${HOST_DIR} on ${target.name}; nothing changed`,
    );
  const outcome = events.findLast((e) => e.type === 'outcome');
  if (outcome?.type !== 'outcome')
    return done(
      'rollback-incomplete',
      `the run ended without an outcome (exit ${exitCode}); read the host and check ${runFile(id, '.log')}`,
    );
  if (outcome.outcome !== 'applied') {
    const after = await read();
    report.notAtBase = backAtBase(plan.diff, after);
    const failed = report.units.find((u) => u.status === 'failed');
    const why = failed
      ? `${failed.commands[0]?.argv.join(' ')} failed: ${failed.stderr || `exit ${failed.rc}`}`
      : 'a step failed';
    // The read decides: every planned object back as the base had it is a complete rollback,
    // even if an undo command failed because its work was already undone.
    if (report.notAtBase.length === 0)
      return done('rolled-back', `${why}; rolled back, the host is at its base`, after);
    const left = report.notAtBase.map(describeMismatch).join('; ');
    if (outcome.outcome === 'rolled-back')
      return done(
        'rolled-back',
        `${why}; every completed command was undone, but ${left} (changed by someone else meanwhile?)`,
        after,
      );
    return done('rollback-incomplete', `${why}; rollback incomplete: ${left}`, after);
  }

  // 4. Confirm over a NEW connection (the guard reverts if Patchbay cannot get back in, and
  //    wins if it decided first: then the host is reverted even though Patchbay is back).
  if (report.guard.armed) {
    emit('confirm', 'start', 'reconnecting over a new SSH connection to confirm');
    let answer = '';
    try {
      answer = (await pool.execFresh(target, confirmCommand(id), { timeoutMs: 20_000 })).result.stdout.trim();
    } catch {
      answer = '';
    }
    report.guard.confirmed = answer === 'confirmed';
    if (!report.guard.confirmed) {
      emit(
        'confirm',
        'fail',
        answer
          ? 'the host reverted by itself before Patchbay got back in'
          : `cannot get back in; the host reverts by itself within ${guardSeconds} s`,
      );
      const after = answer
        ? await read().catch(() => null)
        : await readAfterRevert(pool, target, id, guardSeconds, read);
      report.notAtBase = after ? backAtBase(plan.diff, after) : null;
      return done(
        'reverted',
        `the change cut Patchbay off; the host ${after ? 'reverted itself and is reachable again' : 'should have reverted itself but is still unreachable'}`,
        after,
      );
    }
    emit('confirm', 'ok', 'confirmed: the guard stands down');
  }

  // 5. Verify by reading again (the run read the host right after its last unit, in the same
  //    session; after a dropped session, read now); a mismatch is rolled back.
  emit('verify', 'start', 'reading the host again');
  const after = output.includes('@@PATCHBAY:STREAM') ? scopedModel(output, target.name, scope) : await read();
  report.verify = verifyOf(plan.diff, after);
  if (report.verify.length === 0)
    return done('applied', `${plan.steps.length} step(s) applied and verified`, after);
  emit('verify', 'fail', report.verify.map(describeMismatch).join('; '));
  const undo = await pool
    .exec(target, `sh ${runFile(id, '-undo.sh')}`, { timeoutMs: 30 * 60_000 })
    .catch(() => null);
  const back = await read();
  report.notAtBase = backAtBase(plan.diff, back);
  const mismatch = report.verify.map(describeMismatch).join('; ');
  if (undo?.code === 0 && report.notAtBase.length === 0)
    return done('rolled-back', `verify found ${mismatch}; rolled back, the host is at its base`, back);
  return done(
    'rollback-incomplete',
    `verify found ${mismatch}; the rollback left ${report.notAtBase.map(describeMismatch).join('; ') || 'an undo command failing'}`,
    back,
  );
}

function record(
  report: RunReport,
  units: Unit[],
  e: ScriptEvent,
  emit: (p: RunEvent['phase'], s: RunEvent['status'], m: string, u?: number) => void,
) {
  const u = 'unit' in e ? report.units[e.unit] : undefined;
  const what = (n: number) => units[n]?.forward.map((c) => c.argv.join(' ')).join('; ') ?? `unit ${n}`;
  switch (e.type) {
    case 'unit-start':
      emit('execute', 'start', what(e.unit), e.unit);
      break;
    case 'unit-ok':
      if (u) Object.assign(u, { status: 'ok', rc: 0, ms: e.ms });
      emit('execute', 'ok', `${what(e.unit)} (${e.ms} ms)`, e.unit);
      break;
    case 'unit-fail':
      if (u) Object.assign(u, { status: 'failed', rc: e.rc, ms: e.ms, stderr: e.stderr });
      emit('execute', 'fail', `${what(e.unit)}: exit ${e.rc}${e.stderr ? `: ${e.stderr}` : ''}`, e.unit);
      break;
    case 'undo-ok':
      if (u) u.undone = true;
      emit('undo', 'ok', `undid unit ${e.unit}`, e.unit);
      break;
    case 'undo-fail':
      if (u)
        Object.assign(u, { undone: false, stderr: `${u.stderr}${u.stderr ? ' | ' : ''}undo: ${e.stderr}` });
      emit('undo', 'fail', `undo of unit ${e.unit} failed: ${e.stderr}`, e.unit);
      break;
    default:
      break;
  }
}

/** After a dropped session: wait (on fresh connections) until the run releases its lock, then read its log. */
async function recoverLog(pool: SshPool, target: SshTarget, id: string): Promise<string> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      const res = await pool.execFresh(
        target,
        `flock ${HOST_DIR}/run.lock true && cat ${runFile(id, '.log')}`,
        { timeoutMs: 120_000 },
      );
      if (res.result.code === 0) return res.result.stdout;
    } catch {
      if (Date.now() > deadline) return '';
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Waits out the guard, then reads the host once it answers again (null: still unreachable). */
async function readAfterRevert(
  pool: SshPool,
  target: SshTarget,
  id: string,
  guardSeconds: number,
  read: () => Promise<HostModel>,
): Promise<HostModel | null> {
  await new Promise((r) => setTimeout(r, guardSeconds * 1000 + 2_000));
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    try {
      const res = await pool.execFresh(
        target,
        `flock ${HOST_DIR}/run.lock true; cat ${runFile(id, '.outcome')}`,
        {
          timeoutMs: 15_000,
        },
      );
      if (res.result.stdout.includes('reverted')) return await read();
    } catch {}
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return null;
}
