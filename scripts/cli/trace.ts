import { traceText } from '@/server/core/trace';
import { runTrace } from '@/server/trace';
import { connectionFor } from './connection';
import { parseTraceArgs, TRACE_USAGE } from './trace-args';

/**
 * `patchbay trace DEST BRIDGE FLOW`: the arguments after the word `trace`. Returns the exit status
 * (0: traced, whatever became of the packet); a usage mistake throws a UsageError and any other
 * failure its error, for main() to print as every command does.
 */
export async function traceCommand(argv: string[]): Promise<number> {
  const args = parseTraceArgs(argv);
  if (!args) {
    process.stdout.write(`${TRACE_USAGE}\n`);
    return 0;
  }
  const { pool, target } = connectionFor(args);
  try {
    const path = await runTrace(pool, target, args.request, { timeoutMs: args.timeoutMs });
    process.stdout.write(args.json ? `${JSON.stringify(path, null, 2)}\n` : traceText(path));
    return 0;
  } finally {
    pool.closeAll();
  }
}
