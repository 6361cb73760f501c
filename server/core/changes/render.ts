import { type Command, shJoin, shQuote } from './shell-quote';
import type { Plan } from './types';
import { type Unit, undoUnits, unitsOf } from './units';

/**
 * Plan output for people: the diff lines (one per step, in execution order) with the warnings,
 * and the exact commands as they will run, shell-quoted for display only (the executor runs
 * argument vectors; nothing here is ever executed).
 */

export function planText(plan: Plan): string {
  const lines = plan.steps.length === 0 ? ['no changes'] : plan.steps.map((s) => s.text);
  if (plan.warnings.length > 0) {
    lines.push('');
    for (const w of plan.warnings) lines.push(`! ${w.code}: ${w.message}`);
  }
  return lines.join('\n');
}

/**
 * One command for people, continued over lines with `\`: an OVSDB transaction one sub-command
 * per line, a flow bundle one flow mod per line. Pasted into a shell it runs what the executor
 * runs (the same quoting: shJoin / shCommand).
 */
function commandLines(cmd: Command): string[] {
  if (cmd.input) {
    return [`printf '%s\\n' \\`, ...cmd.input.map((l) => `  ${shQuote(l)} \\`), `  | ${shJoin(cmd.argv)}`];
  }
  const first = cmd.argv.indexOf('--');
  if (cmd.argv[0] !== 'ovs-vsctl' || first === -1) return [shJoin(cmd.argv)];
  const subs: string[][] = [];
  for (const a of cmd.argv.slice(first)) {
    if (a === '--') subs.push([]);
    else subs.at(-1)?.push(a);
  }
  return [
    `${shJoin(cmd.argv.slice(0, first))} \\`,
    ...subs.map((c, i) => `  -- ${shJoin(c)}${i < subs.length - 1 ? ' \\' : ''}`),
  ];
}

const render = (units: readonly Unit[]): string =>
  units.flatMap((u) => u.forward.flatMap(commandLines)).join('\n');

/**
 * Every command in execution order as the executor runs it (units.ts): consecutive OVSDB steps as
 * the one `ovs-vsctl -- sub1 -- sub2 …` transaction, a bridge's flow changes as one bundle.
 */
export function planCommands(plan: Pick<Plan, 'steps'>): string {
  return render(unitsOf(plan));
}

/** The rollback of the whole plan: every inverse, last step first, grouped as the executor does. */
export function planInverseCommands(plan: Pick<Plan, 'steps'>): string {
  return render(undoUnits(unitsOf(plan)));
}

export { shQuote };
