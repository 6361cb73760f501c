import { describe, expect, it } from 'vitest';
import { parseCollection } from '@/server/core/parse-host';
import { fixture } from '@/server/core/parsers/fixtures.test-helper';
import { linkAttachments } from './attachments';

const load = (file: string) => parseCollection(fixture(file), { host: 'h', collectedAt: 't' });

describe('linkAttachments', () => {
  it("names the bridge behind a qrouter's legs and a VM veth's far end", () => {
    const a = linkAttachments(load('lab-openstack-aio.v2.collect.txt'));
    const qrouter = [...a.keys()].find((k) => /^link:qrouter-[^/]+\/qg-/.test(k));
    expect(qrouter && a.get(qrouter)).toBe('port of br-ex');
    const qr = [...a.keys()].find((k) => /^link:qrouter-[^/]+\/qr-/.test(k));
    expect(qr && a.get(qr)).toBe('port of br-int');
    expect(a.get('link:outside/eth1-outside')).toBe('veth ↔ eth1 in root (port of br-ex)');
  });

  it('describes a veth between two unbridged links without chaining descriptions', () => {
    const a = linkAttachments(load('compute.collect.txt'));
    expect(a.get('link:vm2/eth0')).toBe('veth ↔ tap9d8c7b6a-54 in root (port of br-int)');
    expect(a.get('link:/underlay0')).toBe('veth ↔ underlay0-p in root');
    expect(a.get('link:/underlay0-p')).toBe('veth ↔ underlay0 in root');
  });
});
