import { UNRESTORABLE } from '@/server/core/changes/plan';
import { shCommand, shQuote } from '@/server/core/changes/shell-quote';
import type { Unit } from '@/server/core/changes/units';

/** Where runs keep their files on the host (tmpfs: gone after a reboot, like the runs themselves). */
export const HOST_DIR = '/run/patchbay';

export interface ScriptOptions {
  runId: string;
  /** Who runs it and since when, shown to a second apply that finds the host busy. */
  holder: string;
  /**
   * The host's apply generation when the plan was checked for drift (`-` for none): a run that
   * finds another generation refuses, so an apply that finished in between is never stacked on.
   */
  generation: string;
  /** Pause between units (fault injection in tests: time to cut the session or stop a daemon). */
  pauseMs?: number;
  /**
   * The program that undoes this whole run (the lockout guard and a failed verify run it):
   * written to `<run>-undo.sh` before anything changes, carried as base64 so its text is never
   * shell syntax here.
   */
  undo?: string;
  /**
   * A read of the host to run once every unit succeeded (collect-host.ts scopedReadSnippet): the
   * verify's read, in the same session instead of another round trip. Its stream follows the
   * `@@PB outcome applied` line.
   */
  readAfter?: string;
}

/**
 * The apply as ONE shell program that runs on the host and finishes by itself: it ignores SIGHUP
 * and SIGPIPE, so a dropped SSH session (or a killed sshd child) cannot stop it half-way; it
 * either completes every unit or runs the undo of every completed unit in reverse. Progress goes
 * to stdout (streamed while the session lives) and to a log file (read back after a drop).
 *
 * Every command is an argument vector (with, for a flow bundle, input lines); each element is
 * quoted by shCommand, the one quoting runner: no value from an edit is ever spliced into shell
 * syntax.
 *
 * Lines: `@@PB unit N start|ok MS|fail RC MS B64`, `@@PB undo N ok|fail RC B64`,
 * `@@PB outcome applied|rolled-back|rollback-incomplete`.
 */
export function applyScript(units: readonly Unit[], opts: ScriptOptions): string {
  const id = opts.runId;
  if (!/^[A-Za-z0-9-]{8,64}$/.test(id)) throw new Error('run id: letters, digits and - only');
  const lines = [
    '#!/bin/sh',
    `# patchbay apply ${id}`,
    "trap '' HUP PIPE",
    'umask 077',
    `D=${HOST_DIR}`,
    `LOG="$D/${id}.log"`,
    `OUT="$D/${id}.out"`,
    // The run lock: held for the whole run, also when the session that started it is gone.
    'exec 8>"$D/run.lock"',
    `flock -n 8 || { printf '@@PB busy %s\\n' "$(cat "$D/run.holder" 2>/dev/null)"; exit 75; }`,
    `printf '%s\\n' ${shQuote(opts.holder.replace(/[^\x20-\x7e]/g, '?'))} >"$D/run.holder"`,
    'gen=$(cat "$D/generation" 2>/dev/null || echo -)',
    `[ "$gen" = ${shQuote(opts.generation)} ] || { printf '@@PB stale %s %s\\n' ${shQuote(opts.generation)} "$gen"; exit 76; }`,
    ...(opts.undo === undefined
      ? []
      : [
          `printf '%s' ${shQuote(Buffer.from(opts.undo).toString('base64'))} | base64 -d >"$D/${id}-undo.sh" || { printf '@@PB unprepared\\n'; exit 77; }`,
        ]),
    // From here the host may change: any later plan must be checked against it again.
    `echo ${shQuote(id)} >"$D/generation"`,
    'say() { printf \'@@PB %s\\n\' "$*" >>"$LOG"; printf \'@@PB %s\\n\' "$*" 2>/dev/null; }',
    'ms() { date +%s%3N; }',
    'b64() { head -c 2000 "$OUT" | base64 -w0; }',
    // after: what runs once the run applied (the verify's read), before the program ends.
    'after() {',
    opts.readAfter ?? '  :',
    '}',
    `finish() { echo "$1" >"$D/${id}.outcome"; say outcome "$1"; [ "$1" = applied ] && after; exit "$2"; }`,
  ];
  // undo_N K: undo unit N when K of its forward commands completed.
  lines.push('undo() {', '  case "$1:$2" in');
  units.forEach((u, n) => {
    u.undo.forEach((cmds, k) => {
      if (k === 0 || cmds.length === 0) return;
      lines.push(`    ${n}:${k})`);
      for (const cmd of cmds) {
        // The planner's marker for an undo it cannot do: fail it with its reason, run nothing.
        if (cmd.argv[0] === UNRESTORABLE)
          lines.push(`      printf '%s\\n' ${shQuote(cmd.argv[1] ?? 'cannot be undone')} >"$OUT"; return 1`);
        else lines.push(`      ${shCommand(cmd)} >"$OUT" 2>&1 || return $?`);
      }
      lines.push('      ;;');
    });
  });
  lines.push('  esac', '  return 0', '}');
  // rollback N K: unit N failed after K commands; undo it, then every earlier unit, in reverse.
  lines.push(
    'rollback() {',
    '  ok=1; n=$1; k=$2',
    '  while [ "$n" -ge 0 ]; do',
    '    if undo "$n" "$k"; then say undo "$n" ok; else say undo "$n" fail $? "$(b64)"; ok=0; fi',
    '    n=$((n - 1)); k=$(eval echo "\\$FWD_$n" 2>/dev/null)',
    '  done',
    '  [ "$ok" = 1 ] && finish rolled-back 3',
    '  finish rollback-incomplete 4',
    '}',
  );
  units.forEach((u, n) => {
    lines.push(`FWD_${n}=${u.forward.length}`);
  });
  units.forEach((u, n) => {
    if (opts.pauseMs && n > 0) lines.push(`sleep ${(opts.pauseMs / 1000).toFixed(3)}`);
    lines.push(`say unit ${n} start`, 't=$(ms)');
    u.forward.forEach((cmd, k) => {
      lines.push(
        `${shCommand(cmd)} >"$OUT" 2>&1 || { rc=$?; say unit ${n} fail "$rc" $(($(ms) - t)) "$(b64)"; rollback ${n} ${k}; }`,
      );
    });
    lines.push(`say unit ${n} ok $(($(ms) - t))`);
  });
  lines.push('finish applied 0', '');
  return lines.join('\n');
}

/**
 * The lockout guard (Junos' `commit confirmed`): started detached before the apply, it sleeps,
 * then claims the decision (`mkdir <run>.decided`, atomic). Patchbay confirms by claiming it
 * first over a NEW connection (confirmCommand). If the guard wins, it waits for the apply to end
 * and runs `<run>-undo.sh` — which itself refuses unless that apply is still the host's latest
 * change, so it never undoes someone else's later work.
 */
export function guardScript(runId: string, seconds: number): string {
  return [
    '#!/bin/sh',
    "trap '' HUP PIPE",
    `D=${HOST_DIR}`,
    `sleep ${Math.max(1, Math.round(seconds))}`,
    `mkdir "$D/${runId}.decided" 2>/dev/null || exit 0`,
    'flock "$D/run.lock" true',
    `[ "$(cat "$D/${runId}.outcome" 2>/dev/null)" = applied ] || exit 0`,
    `if sh "$D/${runId}-undo.sh" >/dev/null 2>&1; then echo reverted >"$D/${runId}.outcome"; fi`,
    '',
  ].join('\n');
}

/**
 * Patchbay's half of the guard: prints `confirmed` when it claimed the decision before the guard,
 * else (the guard claimed it, and reverts or has reverted) waits for the run lock and prints the
 * run's outcome.
 */
export function confirmCommand(runId: string): string {
  return `if mkdir ${HOST_DIR}/${runId}.decided 2>/dev/null; then echo confirmed; else sleep 1; flock ${HOST_DIR}/run.lock true; cat ${HOST_DIR}/${runId}.outcome; fi`;
}
