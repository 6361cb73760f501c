import { collectHost } from '@/server/collect/collect-host';
import { type Finding, lintHost } from '@/server/core/lint';
import type { HostModel } from '@/server/core/model/schema';
import type { LintArgs } from './args';
import { connectionFor } from './connection';
import type { HostConnection } from './connection-options';
import { readSnapshotFileAt } from './snapshot';

async function readHost(ssh: HostConnection): Promise<HostModel> {
  const { pool, target } = connectionFor(ssh);
  try {
    return (await collectHost(pool, target, { timeoutMs: ssh.timeoutMs })).model;
  } finally {
    pool.closeAll();
  }
}

/** One block per finding: `severity  rule  title`, then the explanation, objects and fix edits, indented. */
function findingsText(host: string, findings: readonly Finding[]): string {
  const blocks = findings.map((f) =>
    [
      `${f.severity}  ${f.rule}  ${f.title}`,
      `  ${f.explanation}`,
      `  objects: ${f.objects.join(', ')}`,
      ...(f.fix ?? []).map((edit) => `  fix: ${JSON.stringify(edit)}`),
    ].join('\n'),
  );
  const n = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const counts = [
    `${n('error')} error${n('error') === 1 ? '' : 's'}`,
    `${n('warning')} warning${n('warning') === 1 ? '' : 's'}`,
    `${n('info')} info`,
  ];
  const summary = findings.length === 0 ? `${host}: no findings` : `${host}: ${counts.join(', ')}`;
  return [...blocks, summary].join('\n\n');
}

/**
 * `patchbay lint`: 1 when an error-severity finding is there, else 0 (usage errors throw). A
 * snapshot file is linted host by host, each on its own as when read over SSH (a snapshot need not
 * hold every host a tunnel points at, so none is "unknown" for lack of being in the file).
 */
export async function lintCommand(
  args: LintArgs,
  write: (text: string) => void = (text) => process.stdout.write(text),
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const models =
    'file' in args
      ? readSnapshotFileAt(args.file, warn).hosts.map((h) => h.model)
      : [await readHost(args.ssh)];
  const results = models.map((model) => ({ host: model.host, findings: lintHost(model) }));
  if (args.format === 'json') {
    // One host (a host read over SSH, a one-host file) keeps the `{host, findings}` shape.
    const [only] = results;
    write(`${JSON.stringify(results.length === 1 ? only : results, null, 2)}\n`);
  } else write(`${results.map((r) => findingsText(r.host, r.findings)).join('\n\n')}\n`);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
