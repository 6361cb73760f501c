import { shJoin, shQuote } from './shell-quote';
import type { Plan, Step } from './types';

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

/** How the executor invokes ovs-vsctl (it may add options such as `--timeout=30`). */
export interface RenderOptions {
  ovsVsctl?: readonly string[];
}

/** `['ovs-vsctl', '--', a…, '--', b…]`: the plan's OVSDB steps as ONE transaction; null when none. */
export function ovsdbTransaction(
  plan: Plan,
  direction: 'forward' | 'inverse',
  opts: RenderOptions = {},
): string[] | null {
  const steps = plan.steps.filter((s) => s.phase === 'ovsdb');
  if (steps.length === 0) return null;
  const ordered = direction === 'forward' ? steps : steps.toReversed();
  const subs = ordered.flatMap((s) => s[direction]);
  return [...(opts.ovsVsctl ?? ['ovs-vsctl']), ...subs.flatMap((c) => ['--', ...c])];
}

function transactionLines(subs: string[][], opts: RenderOptions): string[] {
  const head = shJoin([...(opts.ovsVsctl ?? ['ovs-vsctl'])]);
  return [`${head} \\`, ...subs.map((c, i) => `  -- ${shJoin(c)}${i < subs.length - 1 ? ' \\' : ''}`)];
}

/**
 * Every command in execution order, one per line; consecutive OVSDB steps are shown as the one
 * `ovs-vsctl -- sub1 -- sub2 …` transaction they run as (continued over lines with `\`).
 */
export function planCommands(plan: Plan, opts: RenderOptions = {}): string {
  return renderCommands(plan.steps, 'forward', opts);
}

/** The rollback of the whole plan: every inverse, last step first, as planCommands shows them. */
export function planInverseCommands(plan: Plan, opts: RenderOptions = {}): string {
  return renderCommands(plan.steps.toReversed(), 'inverse', opts);
}

function renderCommands(
  steps: readonly Step[],
  direction: 'forward' | 'inverse',
  opts: RenderOptions,
): string {
  const lines: string[] = [];
  let ovsdb: string[][] = [];
  const flush = () => {
    if (ovsdb.length > 0) lines.push(...transactionLines(ovsdb, opts));
    ovsdb = [];
  };
  for (const step of steps) {
    if (step.phase === 'ovsdb') {
      ovsdb.push(...step[direction]);
      continue;
    }
    flush();
    for (const argv of step[direction]) lines.push(shJoin(argv));
  }
  flush();
  return lines.join('\n');
}

export { shQuote };
