import { describe, expect, it } from 'vitest';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { ofportNames, portLabel } from './port-names';

describe('ofportNames', () => {
  const model = parseCollection(fixture('lab-openstack-aio.v2.collect.txt'), {
    host: 'aio',
    collectedAt: 't',
  });

  it("maps one bridge's port numbers to its interfaces, the bridge's own port included", () => {
    const names = ofportNames(model, 'br-int');
    expect(names.get('3')).toBe('int-br-ex');
    expect(names.get('65534')).toBe('br-int');
    expect(ofportNames(model, 'br-ex').get('3')).toBe('qg-a1b2c3d4-e5');
  });

  it('labels known numbers by name and leaves names and reserved ports alone', () => {
    const names = ofportNames(model, 'br-int');
    expect(['3', 'int-br-ex', 'LOCAL', '99'].map((p) => portLabel(p, names))).toEqual([
      'int-br-ex',
      'int-br-ex',
      'LOCAL',
      '99',
    ]);
  });

  it('skips interfaces OVS could not add (ofport -1)', () => {
    const broken = structuredClone(model);
    for (const i of broken.ovs?.interfaces ?? []) if (i.name === 'int-br-ex') i.ofport = -1;
    expect(ofportNames(broken, 'br-int').has('-1')).toBe(false);
    expect([...ofportNames(broken, 'br-int').values()]).not.toContain('int-br-ex');
  });
});
