import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { toSnapshotFile } from '@/server/core/snapshot-file';
import { lintCommand } from './lint';
import { UsageError } from './usage-error';

const dir = mkdtempSync(join(tmpdir(), 'patchbay-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-03-01T10:00:00.000Z';
const model = (name: string, capture: string) =>
  parseCollection(fixture(capture), { host: name, collectedAt: AT });
const meta = { name: 'saved', note: '', takenAt: AT, takenBy: 'cli:ops', source: 'cli' } as const;

function write(name: string, value: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** A capture saved as `patchbay snapshot` writes it. */
const saved = (name: string, capture: string): string =>
  write(name, toSnapshotFile({ ...meta, name }, [model(name, capture)]));

async function lint(file: string, format: 'text' | 'json') {
  let out = '';
  let err = '';
  const status = await lintCommand(
    { format, file },
    (text) => {
      out += text;
    },
    (line) => {
      err += `${line}\n`;
    },
  );
  return { status, out, err };
}

describe('lintCommand on a snapshot file', () => {
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
      err: '',
    });
  });

  it('lints every host of a file, each with its summary; JSON is then a list of {host, findings}', async () => {
    const both = write(
      'both',
      toSnapshotFile(meta, [
        model('aio', 'lab-openstack-aio.v2.collect.txt'),
        model('kvm', 'lab-kvm.collect.txt'),
      ]),
    );
    const text = await lint(both, 'text');
    expect(text.status).toBe(0);
    expect(text.out.trimEnd().split('\n\n').at(0)).toBe('aio: no findings');
    expect(text.out.trimEnd().split('\n').at(-1)).toBe('kvm: 0 errors, 3 warnings, 0 info');
    const json = JSON.parse((await lint(both, 'json')).out) as { host: string; findings: unknown[] }[];
    expect(json.map((r) => [r.host, r.findings.length])).toEqual([
      ['aio', 0],
      ['kvm', 3],
    ]);
  });

  it('reads a version 1 file (a bare model, as snapshot printed before) and a list of them', async () => {
    const bare = write('bare', model('kvm', 'lab-kvm.collect.txt'));
    expect((await lint(bare, 'text')).out.trimEnd().split('\n').at(-1)).toBe(
      'kvm: 0 errors, 3 warnings, 0 info',
    );
    const list = write('list', [
      model('aio', 'lab-openstack-aio.v2.collect.txt'),
      model('kvm', 'lab-kvm.collect.txt'),
    ]);
    expect((await lint(list, 'text')).out).toMatch(/^aio: no findings\n\n/);
  });

  it('warns on stderr when the relations in the file disagree with its models', async () => {
    const file = toSnapshotFile(meta, [model('aio', 'lab-openstack-aio.v2.collect.txt')]);
    const host = file.hosts[0];
    if (host) host.relations.portLinks = [];
    const r = await lint(write('edited', file), 'text');
    expect(r.status).toBe(0);
    expect(r.err).toMatch(
      /^patchbay: \S+edited\.json: hosts\[0\]\.relations\.portLinks: differs from what the model gives: /,
    );
  });

  it('refuses a file that is not a snapshot file, naming the path inside it', async () => {
    const m = model('x', 'no-ovs.collect.txt');
    const file = toSnapshotFile(meta, [m]);
    const broken = write('broken', {
      ...file,
      hosts: [{ ...file.hosts[0], model: { ...m, namespaces: [{ ...m.namespaces[0], links: 'none' }] } }],
    });
    await expect(lint(broken, 'text')).rejects.toThrow(UsageError);
    await expect(lint(broken, 'text')).rejects.toThrow(
      /broken\.json is not a snapshot file: hosts\[0\]\.model\.namespaces\[0\]\.links: /,
    );
    writeFileSync(broken, '{');
    await expect(lint(broken, 'text')).rejects.toThrow(
      /is not a snapshot file: not valid JSON at line 1 column 2: /,
    );
    writeFileSync(broken, JSON.stringify({ ...m, schemaVersion: 9 }));
    await expect(lint(broken, 'text')).rejects.toThrow(/schemaVersion 9 is not readable/);
    await expect(lint(join(dir, 'missing.json'), 'text')).rejects.toThrow(/cannot read snapshot file/);
  });
});
