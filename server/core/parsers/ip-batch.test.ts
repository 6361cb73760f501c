import { describe, expect, it } from 'vitest';
import { expandIpBatch, IP_BATCH } from './ip-batch';

const parts = IP_BATCH.map((c) => c.part);

describe('expandIpBatch', () => {
  it('gives each batch command its own document', () => {
    const stdout = '[{"ifname":"lo"}]\n[{"dst":"default"}]\n[]\n[{"priority":0}]\n';
    const out = expandIpBatch({ part: 'ip', arg: 'ns1', stdout, stderr: '', rc: 0 });
    expect(out.map((s) => s.part)).toEqual(parts);
    expect(out.every((s) => s.arg === 'ns1' && s.rc === 0 && s.stderr === '')).toBe(true);
    expect(out.map((s) => s.stdout)).toEqual([
      '[{"ifname":"lo"}]',
      '[{"dst":"default"}]',
      '[]',
      '[{"priority":0}]',
    ]);
  });

  it('matches documents to the commands that did not fail, with the message of the one that did', () => {
    // ip -force: line 3 failed and printed no document; the rest still ran.
    const stderr = 'Error: inet6 prefix is expected rather than "x".\nCommand failed -:3\n';
    const stdout = '[{"ifname":"lo"}]\n[{"dst":"default"}]\n[{"priority":0}]\n';
    const out = expandIpBatch({ part: 'ip', stdout, stderr, rc: 1 });
    expect(out.find((s) => s.part === 'route6')).toMatchObject({
      stdout: '',
      stderr: 'Error: inet6 prefix is expected rather than "x".',
      rc: 1,
    });
    expect(out.find((s) => s.part === 'rule4')).toMatchObject({ stdout: '[{"priority":0}]', rc: 0 });
  });

  it('fails every part when ip itself failed', () => {
    const stderr = 'Cannot open network namespace "gone": No such file or directory\n';
    const out = expandIpBatch({ part: 'ip', arg: 'gone', stdout: '', stderr, rc: 255 });
    expect(out).toHaveLength(parts.length);
    expect(out.every((s) => s.rc === 255 && s.stderr === stderr)).toBe(true);
  });

  it('reports parts after a cut-off document as cut off, and text that is not JSON as an error', () => {
    const cut = expandIpBatch({ part: 'ip', stdout: '[{"ifname":"lo"}]\n[{"dst":', stderr: '', rc: null });
    expect(cut[0]).toMatchObject({ part: 'links', rc: 0 });
    expect(cut[1]).toMatchObject({ part: 'route4', rc: null, stdout: '[{"dst":' });
    expect(cut.slice(2).every((s) => s.rc === null && s.stdout === '')).toBe(true);

    const old = expandIpBatch({ part: 'ip', stdout: 'default via 192.0.2.1\n', stderr: '', rc: 0 });
    expect(old[0]).toMatchObject({ part: 'links', rc: 1, stderr: expect.stringContaining('not JSON') });
    expect(old[3]).toMatchObject({ part: 'rule4', rc: 1, stderr: 'ip printed no document' });
  });
});
