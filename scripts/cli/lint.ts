import { readFileSync } from 'node:fs';
import { collectHost } from '@/server/collect/collect-host';
import { type Finding, lintHost } from '@/server/core/lint';
import { HostModel } from '@/server/core/model/schema';
import type { LintArgs, SnapshotArgs } from './args';
import { connectionFor } from './connection';
import { UsageError } from './usage-error';

/** A model saved by `patchbay snapshot`; refused with the fields that do not fit. */
function readModel(file: string): HostModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read model ${file}: ${(e as Error).message}`);
  }
  const parsed = HostModel.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new UsageError(`${file} is not a model written by "patchbay snapshot": ${issues.join('; ')}`);
}

async function readHost(ssh: Omit<SnapshotArgs, 'pretty'>): Promise<HostModel> {
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

/** `patchbay lint`: 1 when an error-severity finding is there, else 0 (usage errors throw). */
export async function lintCommand(
  args: LintArgs,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const model = 'file' in args ? readModel(args.file) : await readHost(args.ssh);
  const findings = lintHost(model);
  write(
    args.format === 'json'
      ? `${JSON.stringify({ host: model.host, findings }, null, 2)}\n`
      : `${findingsText(model.host, findings)}\n`,
  );
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
