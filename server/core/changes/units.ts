import { bundleLine, flowBundle } from './commands-flow';
import type { Command } from './shell-quote';
import type { Plan, Step } from './types';

/**
 * What the host executes, in order (`patchbay plan` shows exactly these, the executor runs them):
 * - consecutive OVSDB steps → ONE `ovs-vsctl` transaction (OVSDB applies every `--`-separated
 *   sub-command or none);
 * - consecutive flow steps on one bridge that speaks OpenFlow 1.4+ → ONE OpenFlow bundle
 *   (`ovs-ofctl --bundle`: every flow mod commits, or none);
 * - any other flow step and every kernel step → its commands one at a time.
 * Each unit knows how to undo itself.
 */
export interface Unit {
  /** Plan steps this unit carries out. */
  steps: number[];
  /** Commands run in order; a failure stops the unit (and the run). */
  forward: Command[];
  /**
   * Undo commands, run in order, for the first `k` forward commands that succeeded:
   * `undo[k]` holds what to run when exactly k forward commands completed.
   */
  undo: Command[][];
}

export const OVS_VSCTL = ['ovs-vsctl', '--timeout=30'];

/** `ovs-vsctl --timeout=30 -- a… -- b…`: one OVSDB transaction. */
export function transaction(subcommands: string[][]): Command {
  return { argv: [...OVS_VSCTL, ...subcommands.flatMap((c) => ['--', ...c])] };
}

const plain = (argvs: readonly string[][]): Command[] => argvs.map((argv) => ({ argv }));

/**
 * Pairs forward and inverse commands of a flow/kernel step: inverse[i] undoes forward[n-1-i]
 * (the inverse list is written in the order it runs). When the counts differ the step is one
 * undo block: all inverses run once any forward command ran.
 */
function stepUndo(step: Step): Command[][] {
  const n = step.forward.length;
  const undo: Command[][] = [[]];
  for (let k = 1; k <= n; k++) {
    undo.push(plain(step.inverse.length === n ? step.inverse.slice(n - k) : step.inverse));
  }
  return undo;
}

/** The flow steps of one bundle: atomic, so undo is all (after it committed) or nothing. */
function bundleUnit(steps: readonly Step[]): Unit {
  const version = steps[0]?.bundle;
  if (!version) throw new Error('a bundle needs an OpenFlow version');
  const lines = (argvs: string[][]) => argvs.map((a) => bundleLine(a));
  const forward = steps.flatMap((s) => lines(s.forward));
  const inverse = steps.toReversed().flatMap((s) => lines(s.inverse));
  const bridge = forward[0]?.bridge ?? '';
  const bundle = (ls: { line: string }[]) =>
    flowBundle(
      version,
      bridge,
      ls.map((l) => l.line),
    );
  return { steps: steps.map((s) => s.n), forward: [bundle(forward)], undo: [[], [bundle(inverse)]] };
}

const bundleKey = (step: Step): string | null =>
  step.phase === 'flow' && step.bundle ? `${step.bundle} ${bundleLine(step.forward[0] ?? []).bridge}` : null;

export function unitsOf(plan: Pick<Plan, 'steps'>): Unit[] {
  const units: Unit[] = [];
  let group: Step[] = [];
  let groupKey: string | null = null;
  const flush = () => {
    if (group.length === 0) return;
    if (groupKey === 'ovsdb') {
      const forward = transaction(group.flatMap((s) => s.forward));
      const inverse = transaction(group.toReversed().flatMap((s) => s.inverse));
      units.push({ steps: group.map((s) => s.n), forward: [forward], undo: [[], [inverse]] });
    } else units.push(bundleUnit(group));
    group = [];
    groupKey = null;
  };
  for (const step of plan.steps) {
    const key = step.phase === 'ovsdb' ? 'ovsdb' : bundleKey(step);
    if (key === null) {
      flush();
      units.push({ steps: [step.n], forward: plain(step.forward), undo: stepUndo(step) });
      continue;
    }
    if (key !== groupKey) flush();
    group.push(step);
    groupKey = key;
  }
  flush();
  return units;
}

/** The units that undo a whole applied run, last unit first (a verify failure or the guard run them). */
export function undoUnits(units: readonly Unit[]): Unit[] {
  return units
    .toReversed()
    .map((u) => ({ steps: u.steps, forward: u.undo[u.forward.length] ?? [], undo: [[]] }))
    .filter((u) => u.forward.length > 0);
}
