import { describe, expect, it } from 'vitest';
import { load } from '@/server/core/changes/plan.test-helper';
import { toElements } from '@/server/core/graph';
import { lintHost } from '@/server/core/lint';
import { countBySeverity, findingMarks, hostFindings, joinMarks, representIndex } from './findings';

describe('findings on the graph', () => {
  const model = load('openstack');
  const elements = toElements([model]);

  it('are lint findings of the host, each with the graph elements drawing its objects', () => {
    const findings = hostFindings([model], elements);
    expect(findings.map((f) => f.rule)).toEqual(lintHost(model).map((f) => f.rule));
    const dangling = findings.find((f) => f.rule === 'patch-dangling');
    expect(dangling?.host).toBe('openstack');
    // An interface of a one-interface port is drawn by the port's node.
    const index = representIndex(elements);
    for (const o of dangling?.objects ?? []) {
      const el = index.get(`openstack\u0000${o}`);
      if (el) expect(dangling?.elementIds).toContain(el);
    }
    expect(dangling?.elementIds.length).toBeGreaterThan(0);
    expect(dangling?.elementIds.every((id) => id.startsWith('openstack|'))).toBe(true);
  });

  it('mark each element with its worst severity, and join with other marks', () => {
    const f = (severity: 'error' | 'warning' | 'info', ids: string[]) => ({
      rule: 'r',
      severity,
      objects: [],
      title: '',
      explanation: '',
      host: 'h',
      elementIds: ids,
    });
    const marks = findingMarks([f('info', ['a', 'b']), f('error', ['b']), f('warning', ['a', 'c'])]);
    expect(Object.fromEntries(marks)).toEqual({
      a: 'finding-warning',
      b: 'finding-error',
      c: 'finding-warning',
    });
    expect(Object.fromEntries(joinMarks(marks, new Map([['a', 'traced']])))).toEqual({
      a: 'finding-warning traced',
      b: 'finding-error',
      c: 'finding-warning',
    });
    expect(countBySeverity([f('info', []), f('error', []), f('error', [])])).toEqual({
      error: 2,
      warning: 0,
      info: 1,
    });
  });

  it('judge tunnels against the other hosts drawn, and against none when one host is drawn', () => {
    const compute = load('kvm');
    const two = hostFindings([model, compute], toElements([model, compute]));
    const one = hostFindings([compute], toElements([compute]));
    expect(one.some((f) => f.rule === 'tunnel-unknown-remote')).toBe(false);
    expect(two.filter((f) => f.host === 'kvm').some((f) => f.rule === 'tunnel-unknown-remote')).toBe(true);
  });
});
