import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../changes/apply-edits';
import { Edit } from '../changes/edits';
import { compareFindings, type Finding, lintHost, RULES } from './index';
import { type FixtureName, fixtureModel } from './lint.test-helper';

const NAMES: FixtureName[] = ['openstack', 'compute', 'kvm', 'aio', 'noOvs'];
const summary = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule}: ${f.title}`);

describe('RULES', () => {
  it('lists each rule once, kebab-case, with a one-line description', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(r.description).not.toMatch(/\n/);
    }
  });

  it('is documented in docs/lint.md with the same severities', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/lint.md', import.meta.url)), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info) \|/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(rows).toEqual(RULES.map((r) => `${r.id} ${r.severity}`));
  });
});

describe('lintHost on the lab captures', () => {
  it('lists every finding in a stable order: severity, rule, objects', () => {
    expect(summary(lintHost(fixtureModel('openstack'), { knownHosts: [] }))).toEqual([
      "error patch-dangling: patch port patch-dangling on br-int has no working peer: No usable peer 'patch-nowhere' exists in 'netdev' datapath.",
      'warning router-no-default: the root namespace has IPv4 addresses on 2 links but no IPv4 default route',
      'warning tunnel-mtu: vxlan tunnel vxlan-c6120002 needs an underlay MTU of 1550, underlay0 has 1500',
      'info tunnel-unknown-remote: vxlan tunnel vxlan-c6120002 points at 198.18.0.2, which no known host owns',
    ]);
    expect(summary(lintHost(fixtureModel('compute')))).toEqual([
      'warning port-down: tap3f2e1d0c-ba on br-int is administratively down',
      'warning tunnel-mtu: gre tunnel gre-c6120003 needs an underlay MTU of 1538, underlay0 has 1500',
      'warning tunnel-mtu: vxlan tunnel vxlan-c6120001 needs an underlay MTU of 1550, underlay0 has 1500',
    ]);
    expect(summary(lintHost(fixtureModel('kvm')))).toEqual([
      'warning router-no-default: the root namespace has IPv4 addresses on 2 links but no IPv4 default route',
      'warning subnet-overlap: 198.51.100.0/24 on eth0 overlaps 198.51.100.128/25 on wan0 in namespace vm-router',
      'warning tunnel-mtu: geneve tunnel gnv0 needs an underlay MTU of 1550, eth0 has 1500',
    ]);
    expect(lintHost(fixtureModel('aio'))).toEqual([]);
    expect(lintHost(fixtureModel('noOvs'))).toEqual([]);
  });

  it.each(NAMES)('%s: each finding carries its rule’s severity; the model is left as it was', (name) => {
    const model = fixtureModel(name);
    const before = JSON.stringify(model);
    const severity = new Map(RULES.map((r) => [r.id, r.severity]));
    for (const f of lintHost(model, { knownHosts: [] })) {
      expect(f.severity).toBe(severity.get(f.rule));
      expect(f.objects.length).toBeGreaterThan(0);
      expect(f.title).not.toMatch(/\n/);
    }
    expect(JSON.stringify(model)).toBe(before);
  });

  it.each(NAMES)('%s: every fix is valid, applies, and makes its finding go away', (name) => {
    const model = fixtureModel(name);
    for (const f of lintHost(model).filter((x) => x.fix)) {
      expect(Edit.array().safeParse(f.fix).success).toBe(true);
      const fixed = applyEdits(model, f.fix ?? []);
      if (!fixed.ok) throw new Error(`${f.title}: ${JSON.stringify(fixed.errors)}`);
      expect(summary(lintHost(fixed.desired))).not.toContain(summary([f])[0]);
    }
  });
});

describe('compareFindings', () => {
  const f = (severity: Finding['severity'], rule: string, objects: string[]): Finding => ({
    rule,
    severity,
    objects,
    title: 't',
    explanation: 'e',
  });
  it('orders by severity, then rule, then objects', () => {
    const list = [
      f('info', 'a', ['x']),
      f('warning', 'b', ['y']),
      f('warning', 'b', ['x', 'z']),
      f('warning', 'a', ['z']),
      f('error', 'z', ['z']),
    ];
    expect(list.sort(compareFindings).map((x) => `${x.severity} ${x.rule} ${x.objects.join(',')}`)).toEqual([
      'error z z',
      'warning a z',
      'warning b x,z',
      'warning b y',
      'info a x',
    ]);
  });
});
