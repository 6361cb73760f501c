import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBVIRT_URI, libvirtNodeXml, libvirtScript } from './libvirt';
import { compileScenario, readScenarioDocument } from './scenario';

const resolve = () => '198.18.0.254';
const kvm = compileScenario(readScenarioDocument('kvm'), '198.18.0.6', resolve);
const hasVirsh = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v virsh'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(path.join(tmpdir(), 'pb-libvirt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('libvirtNodeXml', () => {
  // The test driver is part of libvirt's client library: no daemon, nothing started.
  it.skipIf(!hasVirsh)('is a node file libvirt’s test driver serves as the scenario says', () => {
    const file = path.join(dir, 'node.xml');
    writeFileSync(file, libvirtNodeXml(kvm.libvirt?.domains ?? []));
    const virsh = (...args: string[]) =>
      execFileSync('virsh', ['-r', '-c', `test://${file}`, ...args], { encoding: 'utf8' });
    expect(virsh('list', '--all', '--name').trim().split('\n')).toEqual([
      'web-1',
      'router-1',
      'legacy-1',
      'db-1',
      'spare-1',
    ]);
    expect(virsh('domstate', 'spare-1').trim()).toBe('shut off');
    const db = virsh('dumpxml', 'db-1');
    expect(db).toContain("<target dev='tap-db0'/>");
    expect(db).toContain("<mac address='52:54:00:6b:3c:04'/>");
    expect(virsh('dumpxml', 'web-1')).toContain(
      "<parameters interfaceid='4c7d9e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f'/>",
    );
  });

  it('escapes what XML would misread', () => {
    const xml = libvirtNodeXml([
      {
        name: "a'b",
        uuid: '00000000-0000-4000-8000-000000000001',
        state: 'paused',
        interfaces: [{ mac: '52:54:00:00:00:01', network: 'x&y' }],
      },
    ]);
    expect(xml).toContain('<name>a&#39;b</name>');
    expect(xml).toContain("<source network='x&#38;y'/>");
    expect(xml).toContain('<test:runstate>3</test:runstate>');
  });
});

describe('libvirtScript', () => {
  it('points root and every lab user at the node file, as libvirt.conf does on a real host', () => {
    const script = libvirtScript(kvm);
    expect(script).toContain(`uri_default = "${LIBVIRT_URI}"`);
    expect(script).toContain('/etc/libvirt/libvirt.conf');
    expect(script).toContain('.config/libvirt');
  });

  it('hides virsh on a host whose scenario has no libvirt block', () => {
    const compute = compileScenario(readScenarioDocument('compute'), '198.18.0.4', resolve);
    const script = libvirtScript(compute);
    expect(script).toContain('mount --bind /dev/null "$f"');
    expect(script).not.toContain('libvirt.conf');
  });
});

describe('the libvirt block of a scenario', () => {
  const bad = (libvirt: unknown) => () => compileScenario({ libvirt }, '198.18.0.9', resolve);
  const domain = (name: string, uuid: string, interfaces: unknown[] = []) => ({ name, uuid, interfaces });
  it('rejects duplicate domains, an interfaceid without a bridge and unknown fields', () => {
    const u = '00000000-0000-4000-8000-000000000001';
    expect(bad({ domains: [domain('a', u), domain('a', '00000000-0000-4000-8000-000000000002')] })).toThrow(
      /duplicate domain \\"a/,
    );
    expect(bad({ domains: [domain('a', u), domain('b', u)] })).toThrow(/duplicate domain uuid/);
    expect(bad({ domains: [domain('a', u, [{ mac: '52:54:00:00:00:01', interfaceId: u }])] })).toThrow(
      /interfaceId needs a bridge/,
    );
    expect(bad({ domains: [{ ...domain('a', u), vcpus: 2 }] })).toThrow();
  });
});
