import { ZodError } from 'zod';
import { parseCommand, USAGE, UsageError } from './args';
import { applyCommand, planCommand } from './change';
import { importCommand } from './import';
import { lintCommand } from './lint';
import { SNAPSHOT_PARTIAL, snapshotCommand } from './snapshot';
import { traceCommand } from './trace';
import { runUserCommand } from './user';

/** Returns the exit status: 0 ok, 1 failure (one line on stderr), 2 usage error; apply has more (USAGE). */
export async function main(argv: string[]): Promise<number> {
  try {
    // trace has its own arguments (BRIDGE FLOW after the host): trace-args.ts.
    if (argv[0] === 'trace') return await traceCommand(argv.slice(1));
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'snapshot') {
      const { out, partial } = await snapshotCommand(command.args, (line) =>
        process.stderr.write(`${line}\n`),
      );
      process.stdout.write(out);
      return partial ? SNAPSHOT_PARTIAL : 0;
    }
    if (command.kind === 'import') return importCommand(command.args);
    if (command.kind === 'plan') return await planCommand(command.args);
    if (command.kind === 'apply') return await applyCommand(command.args);
    if (command.kind === 'lint') return await lintCommand(command.args);
    await runUserCommand(command, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (err) {
    // A refused value names its field ("password: at least 10 characters"), not a zod dump.
    const message =
      err instanceof ZodError
        ? err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
        : err instanceof Error
          ? err.message
          : String(err);
    process.stderr.write(`patchbay: ${message.replaceAll('\n', ' ')}\n`);
    if (err instanceof UsageError) {
      process.stderr.write('run "patchbay --help" for usage\n');
      return 2;
    }
    return 1;
  }
}
