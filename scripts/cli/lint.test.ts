import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { lintCommand } from './lint';
import { UsageError } from './usage-error';

const dir = mkdtempSync(join(tmpdir(), 'patchbay-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A capture saved as `patchbay snapshot` writes it. */
function saved(name: string, capture: string): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(parseCollection(fixture(capture), { host: name, collectedAt: 't' })));
  return file;
}

async function lint(file: string, format: 'text' | 'json') {
  let out = '';
  const status = await lintCommand({ format, file }, (text) => {
    out += text;
  });
  return { status, out };
}

describe('lintCommand on a saved model', () => {
  it('prints one block per finding and exits 1 when one is an error', async () => {
    const { status, out } = await lint(saved('openstack', 'openstack-aio.collect.txt'), 'text');
    expect(status).toBe(1);
    const blocks = out.trimEnd().split('\n\n');
    expect(blocks.map((b) => b.split('\n')[0])).toEqual([
      "error  patch-dangling  patch port patch-dangling on br-int has no working peer: No usable peer 'patch-nowhere' exists in 'netdev' datapath.",
      'warning  router-no-default  the root namespace has IPv4 addresses on 2 links but no IPv4 default route',
      'warning  tunnel-mtu  vxlan tunnel vxlan-c6120002 needs an underlay MTU of 1550, underlay0 has 1500',
      'openstack: 1 error, 2 warnings, 0 info',
    ]);
    expect(blocks[0]?.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}A patch port joins two bridges/),
      '  objects: iface:patch-dangling, port:br-int/patch-dangling',
      '  fix: {"op":"delete-port","name":"patch-dangling","bridge":"br-int"}',
    ]);
  });

  it('prints {host, findings} as JSON and exits 0 without errors', async () => {
    const { status, out } = await lint(saved('kvm', 'lab-kvm.collect.txt'), 'json');
    expect(status).toBe(0);
    const parsed = JSON.parse(out) as { host: string; findings: { rule: string; severity: string }[] };
    expect(parsed.host).toBe('kvm');
    expect(parsed.findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      'warning router-no-default',
      'warning subnet-overlap',
      'warning tunnel-mtu',
    ]);
  });

  it('says so when there is nothing to report', async () => {
    expect(await lint(saved('aio', 'lab-openstack-aio.v2.collect.txt'), 'text')).toEqual({
      status: 0,
      out: 'aio: no findings\n',
    });
  });

  it('refuses a file that is not a model, naming the field', async () => {
    const file = join(dir, 'broken.json');
    const model = parseCollection(fixture('no-ovs.collect.txt'), { host: 'x', collectedAt: 't' });
    writeFileSync(
      file,
      JSON.stringify({ ...model, namespaces: [{ ...model.namespaces[0], links: 'none' }] }),
    );
    await expect(lint(file, 'text')).rejects.toThrow(UsageError);
    await expect(lint(file, 'text')).rejects.toThrow(/namespaces\.0\.links: /);
    writeFileSync(file, '{');
    await expect(lint(file, 'text')).rejects.toThrow(/cannot read model/);
    await expect(lint(join(dir, 'missing.json'), 'text')).rejects.toThrow(/cannot read model/);
  });
});
