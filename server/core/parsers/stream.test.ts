import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.test-helper';
import { splitStream } from './stream';

describe('splitStream', () => {
  it('splits a real capture into sections with exit status and stderr', () => {
    const { version, sections } = splitStream(fixture('no-ovs.collect.txt'));
    expect(version).toBe(1);
    const ovsdb = sections.find((s) => s.part === 'ovsdb');
    expect(ovsdb?.rc).toBe(1);
    expect(ovsdb?.stdout).toBe('');
    expect(ovsdb?.stderr).toContain('failed to connect');
    const hostname = sections.find((s) => s.part === 'hostname');
    expect(hostname).toMatchObject({ rc: 0, stderr: '', stdout: 'vm\n' });
  });

  it('keeps namespace arguments and the output exactly', () => {
    const { sections } = splitStream(fixture('openstack-aio.collect.txt'));
    const links = sections.find((s) => s.part === 'links' && s.arg === 'vm1');
    expect(links?.rc).toBe(0);
    expect(JSON.parse(links?.stdout ?? '')).toHaveLength(2);
    expect(sections.filter((s) => s.part === 'flows').map((s) => s.arg)).toEqual([
      'br-ex',
      'br-int',
      'br-tun',
    ]);
  });

  it('reports a section cut off before its END marker with rc null', () => {
    const { sections } = splitStream(fixture('missing-tools.collect.txt'));
    const last = sections.at(-1);
    expect(last).toMatchObject({ part: 'links', arg: 'qrouter-1', rc: null });
    expect(last?.stdout.startsWith('[{"ifindex":1')).toBe(true);
  });

  it('handles output without a trailing newline and an empty body', () => {
    const raw =
      '@@PATCHBAY:STREAM v1@@\n@@PATCHBAY:BEGIN a@@\nx\n@@PATCHBAY:END a rc=0@@\n@@PATCHBAY:BEGIN b y@@\n\n@@PATCHBAY:END b y rc=3@@\n';
    expect(splitStream(raw).sections).toEqual([
      { part: 'a', arg: undefined, stdout: 'x', stderr: '', rc: 0 },
      { part: 'b', arg: 'y', stdout: '', stderr: '', rc: 3 },
    ]);
  });

  it('returns no sections for text that is not a stream', () => {
    expect(splitStream('Permission denied')).toEqual({ version: null, sections: [] });
  });
});
