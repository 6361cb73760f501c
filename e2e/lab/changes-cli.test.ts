/**
 * `patchbay plan` and `patchbay apply` against the `changes` lab host, as an operator runs them:
 * the diff and exact commands, a saved plan, the documented exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUpMissing } from '@/scripts/lab/lab';
import type { HostModel } from '@/server/core/model';
import { expectAt, HOST, onHost, pool, read } from './changes-helpers';
import { labHost } from './hosts';

const BIN = join(process.cwd(), 'scripts', 'patchbay.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pb-changes-cli-'));
let base: HostModel;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const h = labHost(HOST);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        ...args.slice(0, 1),
        `root@${h.address}`,
        '-i',
        h.rootKeyPath,
        '--known-hosts',
        h.knownHostsPath,
        ...args.slice(1),
      ],
      { env: { ...process.env, HOME: dir, SSH_AUTH_SOCK: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  await labUpMissing([HOST]); // up already when run through the integration project's global setup
  base = await read();
});
afterAll(async () => {
  pool.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('patchbay plan / apply', { timeout: 120_000 }, () => {
  const attach = () =>
    file('attach.yaml', 'edits:\n  - op: add-port\n    bridge: br-ex\n    name: eth1\n    type: system\n');
  const detach = () => file('detach.json', JSON.stringify([{ op: 'delete-port', name: 'eth1' }]));

  it('plan prints the diff and the exact commands, and writes a plan file; nothing changes', async () => {
    const out = join(dir, 'plan.json');
    const r = await run(['plan', '-f', attach(), '-o', out]);
    expect(r.stderr).toContain(`plan written to ${out}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ port br-ex/eth1');
    expect(r.stdout).toMatch(/ovs-vsctl --timeout=30 \\\n\s+-- add-port br-ex eth1/);
    expect(JSON.parse(readFileSync(out, 'utf8')).plan.steps.length).toBeGreaterThan(0);
    await expectAt(base);
  });

  it('refused edits: exit 3, each problem named, nothing runs', async () => {
    const r = await run([
      'apply',
      '-f',
      file('bad.yaml', '- op: add-port\n  bridge: br-nope\n  name: "a b"\n  type: internal\n'),
      '--yes',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/edit 0 \(add-port\) field name/);
    await expectAt(base);
  });

  it('apply --plan applies the saved plan (exit 0); applying it again is refused as drift (exit 3)', async () => {
    const out = join(dir, 'plan2.json');
    expect((await run(['plan', '-f', attach(), '-o', out])).code).toBe(0);
    const applied = await run(['apply', '--plan', out, '--yes']);
    expect(applied.stdout).toMatch(/^applied: /m);
    expect(applied.code).toBe(0);
    expect(await onHost('ovs-vsctl', 'port-to-br', 'eth1')).toBe('br-ex');
    const again = await run(['apply', '--plan', out, '--yes']);
    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/refused: the host changed since the plan was made: br-ex\/eth1 exists/);
    const back = await run(['apply', '-f', detach(), '--yes']);
    expect(back.code).toBe(0);
    await expectAt(base);
  });

  it('without --yes and without a terminal it does not apply', async () => {
    const r = await run(['apply', '-f', attach()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --yes');
    await expectAt(base);
  });
});
