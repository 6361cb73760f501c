import { parseCommand, USAGE, UsageError } from './args';

// Each command's code is loaded when it runs: a snapshot does not load the database, the change
// engine or the paste parsers (start-up time is most of a cold `patchbay snapshot`).

/** A zod validation error, recognised without loading zod (most commands never need it). */
function isZodError(err: unknown): err is { issues: { path: PropertyKey[]; message: string }[] } {
  return (
    err instanceof Error && err.name === 'ZodError' && Array.isArray((err as { issues?: unknown }).issues)
  );
}

/** Returns the exit status: 0 ok, 1 failure (one line on stderr), 2 usage error; apply has more (USAGE). */
export async function main(argv: string[]): Promise<number> {
  try {
    // trace has its own arguments (BRIDGE FLOW after the host): trace-args.ts.
    if (argv[0] === 'trace') return await (await import('./trace')).traceCommand(argv.slice(1));
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'snapshot') {
      const { SNAPSHOT_PARTIAL, snapshotCommand } = await import('./snapshot');
      const { out, partial } = await snapshotCommand(command.args, (line) =>
        process.stderr.write(`${line}\n`),
      );
      process.stdout.write(out);
      return partial ? SNAPSHOT_PARTIAL : 0;
    }
    if (command.kind === 'import') return (await import('./import')).importCommand(command.args);
    if (command.kind === 'plan') return await (await import('./change')).planCommand(command.args);
    if (command.kind === 'apply') return await (await import('./change')).applyCommand(command.args);
    if (command.kind === 'lint') return await (await import('./lint')).lintCommand(command.args);
    await (await import('./user')).runUserCommand(command, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (err) {
    // A refused value names its field ("password: at least 10 characters"), not a zod dump.
    const message = isZodError(err)
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
