import { describe, expect, it } from 'vitest';
import { pasteFixture } from '@/server/core/paste/fixtures.test-helper';
import { toSnapshotFile } from '@/server/core/snapshot-file';
import { exampleModel } from '@/server/example';
import { readImportText } from './read-input';

const now = new Date('2024-05-01T12:00:00Z');

describe('readImportText', () => {
  it('reads pasted command output into a model named as asked', () => {
    const input = readImportText(pasteFixture('article-br-ex.txt'), { now, host: 'article' });
    if (input.kind !== 'paste') throw new Error(input.kind);
    expect(input.model.host).toBe('article');
    expect(input.model.ovs?.bridges.map((b) => b.name).sort()).toEqual(['br-ex', 'br-int']);
    expect(input.sections.map((s) => [s.command.kind, s.recognised])).toEqual([
      ['ovs-vsctl show', true],
      ['ovs-ofctl dump-flows', true],
    ]);
  });

  it('opens a snapshot file, of this version or a list of version-1 models', () => {
    const file = toSnapshotFile(
      { name: 'aio', note: '', takenAt: now.toISOString(), takenBy: null, source: 'cli' },
      [exampleModel()],
    );
    const current = readImportText(JSON.stringify(file), { now, host: 'x' });
    expect(current.kind === 'file' && current.file.hosts[0]?.model.host).toBe(exampleModel().host);
    const v1 = readImportText(JSON.stringify([{ ...exampleModel(), schemaVersion: 1 }]), { now, host: 'x' });
    expect(v1.kind === 'file' && v1.migratedFrom).toBe(1);
  });

  it('says where a snapshot file is wrong instead of reading it as output', () => {
    const input = readImportText('{"schemaVersion": 2, "kind": "patchbay-snapshot", "name": ""}', {
      now,
      host: 'x',
    });
    expect(input.kind).toBe('file-error');
    if (input.kind === 'file-error') expect(input.errors.map((e) => e.path)).toContain('name');
  });

  it('reads `ip -json` arrays as output, and nothing as nothing', () => {
    const ipJson =
      '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"link_type":"loopback"}]';
    expect(readImportText(ipJson, { now, host: 'x' }).kind).toBe('paste');
    expect(readImportText('  \n', { now, host: 'x' })).toEqual({ kind: 'empty' });
  });
});
