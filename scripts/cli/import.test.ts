import { describe, expect, it } from 'vitest';
import { HostModel } from '@/server/core/model/schema';
import { pasteFixture } from '@/server/core/paste/fixtures.test-helper';
import { parseCommand, UsageError } from './args';
import { type ImportIo, importCommand } from './import';

describe('parseCommand import', () => {
  it('takes files (- is standard input), --pretty and --host', () => {
    expect(
      parseCommand(['import', 'vsctl.txt', '-', 'flows.txt', '--pretty', '--host', 'ticket-12']),
    ).toEqual({
      kind: 'import',
      args: { files: ['vsctl.txt', '-', 'flows.txt'], pretty: true, host: 'ticket-12' },
    });
    expect(parseCommand(['import', '-'])).toEqual({
      kind: 'import',
      args: { files: ['-'], pretty: false, host: undefined },
    });
  });
  it.each([
    [['import']],
    [['import', 'a.txt', '--sudo']],
    [['import', 'a.txt', '-f', 'c.yaml']],
    [['import', 'a.txt', '--format', 'json']],
    [['import', 'a.txt', '--host', '']],
    [['snapshot', 'h', '--host', 'x']],
  ])('rejects %j', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});

function run(files: Record<string, string>, args: { files: string[]; pretty?: boolean; host?: string }) {
  let stdout = '';
  let stderr = '';
  const io: ImportIo = {
    read: (name) => {
      const text = files[name];
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => new Date('2024-05-01T12:00:00Z'),
  };
  const status = importCommand({ pretty: false, ...args }, io);
  return { status, stdout, stderr };
}

describe('importCommand', () => {
  it('reads several files as one paste and prints the model', () => {
    const { status, stdout, stderr } = run(
      { 'article.txt': pasteFixture('article-br-ex.txt'), '-': pasteFixture('ofctl-show-br-ex.txt') },
      { files: ['article.txt', '-'], host: 'ticket-12' },
    );
    expect([status, stderr]).toEqual([0, '']);
    const model = HostModel.parse(JSON.parse(stdout));
    expect(model).toMatchObject({
      host: 'ticket-12',
      collectedAt: '2024-05-01T12:00:00.000Z',
      origin: {
        kind: 'paste',
        parts: ['ovs-vsctl show', 'ovs-ofctl dump-flows br-ex', 'ovs-ofctl show br-ex'],
      },
    });
    expect(model.ovs?.interfaces.find((i) => i.name === 'phy-br-ex')?.ofport).toBe(2);
  });

  it('indents with --pretty', () => {
    expect(run({ a: '# ip netns\nns1' }, { files: ['a'], pretty: true }).stdout).toMatch(
      /^\{\n {2}"schemaVersion"/,
    );
  });

  it('names the file and line of each output it could not read; 1 when it read nothing', () => {
    const { status, stdout, stderr } = run(
      { 'a.txt': '# ip route\ndefault via 10.0.0.1 dev eth0', 'b.txt': '# ovs-vsctl list bridge\n_uuid : 1' },
      { files: ['a.txt', 'b.txt'] },
    );
    expect(status).toBe(0);
    expect(stderr).toBe(
      'patchbay import: b.txt:1: ovs-vsctl list bridge: ovs-vsctl list is not read; paste ovs-vsctl show\n',
    );
    expect(HostModel.parse(JSON.parse(stdout)).errors).toHaveLength(1);

    const nothing = run({ x: 'hello' }, { files: ['x'] });
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toBe(
      'patchbay import: x:1: text: not the output of a command Patchbay reads: "hello"\npatchbay import: nothing in the paste could be read\n',
    );
  });

  it('refuses a file it cannot read as a usage error', () => {
    expect(() => run({}, { files: ['missing.txt'] })).toThrow(UsageError);
  });
});
