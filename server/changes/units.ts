import type { Plan, Step } from '@/server/core/changes/types';

/**
 * What the host executes: consecutive OVSDB steps merge into ONE `ovs-vsctl` transaction (all or
 * nothing: OVSDB applies every `--`-separated sub-command or none), flow and kernel steps run one
 * command at a time. Each unit knows how to undo itself.
 */
export interface Unit {
  /** Plan steps this unit carries out. */
  steps: number[];
  /** Commands run in order; a failure stops the unit (and the run). */
  forward: string[][];
  /**
   * Undo commands, run in order, for the first `k` forward commands that succeeded:
   * `undo[k]` holds what to run when exactly k forward commands completed.
   */
  undo: string[][][];
}

export const OVS_VSCTL = ['ovs-vsctl', '--timeout=30'];

/** `['ovs-vsctl', '--timeout=30', '--', a…, '--', b…]`: one OVSDB transaction. */
export function transaction(subcommands: string[][]): string[] {
  return [...OVS_VSCTL, ...subcommands.flatMap((c) => ['--', ...c])];
}

/**
 * Pairs forward and inverse commands of a flow/kernel step: inverse[i] undoes forward[n-1-i]
 * (the inverse list is written in the order it runs). When the counts differ the step is one
 * undo block: all inverses run once any forward command ran.
 */
function stepUndo(step: Step): string[][][] {
  const n = step.forward.length;
  const undo: string[][][] = [[]];
  for (let k = 1; k <= n; k++) {
    undo.push(step.inverse.length === n ? step.inverse.slice(n - k) : step.inverse);
  }
  return undo;
}

export function unitsOf(plan: Plan): Unit[] {
  const units: Unit[] = [];
  let ovsdb: Step[] = [];
  const flush = () => {
    if (ovsdb.length === 0) return;
    const forward = transaction(ovsdb.flatMap((s) => s.forward));
    const inverse = transaction(ovsdb.toReversed().flatMap((s) => s.inverse));
    units.push({ steps: ovsdb.map((s) => s.n), forward: [forward], undo: [[], [inverse]] });
    ovsdb = [];
  };
  for (const step of plan.steps) {
    if (step.phase === 'ovsdb') {
      ovsdb.push(step);
      continue;
    }
    flush();
    units.push({ steps: [step.n], forward: step.forward, undo: stepUndo(step) });
  }
  flush();
  return units;
}

/** Every command of the run in order, for display (`patchbay plan` shows exactly these). */
export function commandsOf(units: readonly Unit[]): string[][] {
  return units.flatMap((u) => u.forward);
}
