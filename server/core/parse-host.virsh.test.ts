import { describe, expect, it } from 'vitest';
import { HostModel } from './model/schema';
import { parseCollection } from './parse-host';
import { fixture } from './parsers/fixtures.test-helper';
import { VIRSH_MAX_DOMAINS } from './parsers/virsh';

const meta = { host: 'kvm', collectedAt: '2026-01-01T00:00:00Z' };

/** A v3 stream of hand-made sections: [part, arg, stdout, stderr, rc]. */
function stream(...sections: [string, string, string, string, number][]): string {
  const lines = ['@@PATCHBAY:STREAM v3@@'];
  for (const [part, arg, out, err, rc] of sections) {
    const h = arg ? `${part} ${arg}` : part;
    lines.push(`@@PATCHBAY:BEGIN ${h}@@`, out, ...(err ? ['@@PATCHBAY:STDERR@@', err] : []));
    lines.push(`@@PATCHBAY:END ${h} rc=${rc}@@`);
  }
  return lines.join('\n');
}
const virshErrors = (raw: string) =>
  parseCollection(raw, meta).errors.filter((e) => e.part === 'virsh' || e.part === 'domain');

describe('libvirt domains in the host model', () => {
  it('reads every domain of the lab kvm host (stream v3) with no errors', () => {
    const model = parseCollection(fixture('lab-kvm.v3.collect.txt'), meta);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model.errors).toEqual([]);
    expect(model.vms?.map((v) => [v.name, v.state])).toEqual([
      ['web-1', 'running'],
      ['router-1', 'running'],
      ['legacy-1', 'running'],
      ['db-1', 'running'],
      ['spare-1', 'shut off'],
    ]);
  });

  it('leaves vms out of streams before v3 and of scoped reads', () => {
    expect(parseCollection(fixture('lab-kvm.collect.txt'), meta)).not.toHaveProperty('vms');
    const scoped = parseCollection(fixture('lab-kvm.v3.collect.txt'), meta, {
      ovsdb: true,
      flows: [],
      netns: false,
      namespaces: [],
    });
    expect(scoped).not.toHaveProperty('vms');
  });

  it('says virsh is not installed (vms null) without calling it an error', () => {
    // As the lab's compute host answers: the script's own `return 127`, no stderr.
    const raw = stream(['virsh', '', '', '', 127]);
    expect(parseCollection(raw, meta).vms).toBeNull();
    expect(virshErrors(raw)).toEqual([]);
  });

  it('reports a virsh that is there but cannot connect (vms null, a virsh error)', () => {
    // What virsh 9.0 prints as root on a host without libvirtd.
    const raw = stream([
      'virsh',
      '',
      '\n',
      "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock-ro': No such file or directory",
      1,
    ]);
    expect(parseCollection(raw, meta).vms).toBeNull();
    expect(virshErrors(raw)).toEqual([
      expect.objectContaining({ part: 'virsh', message: 'error: failed to connect to the hypervisor' }),
    ]);
    // A virsh whose libraries are missing also exits 127, but says so: an error, not absence.
    const broken = stream([
      'virsh',
      '',
      '',
      'virsh: error while loading shared libraries: libvirt.so.0',
      127,
    ]);
    expect(virshErrors(broken).map((e) => e.part)).toEqual(['virsh']);
  });

  it('reports a domain that vanished between its list and its dumpxml, and keeps the others', () => {
    const raw = stream(
      ['virsh', '', 'u-1\nu-2\n', '', 0],
      ['domain', 'u-1', 'running\n\n<domain><name>a</name><uuid>u-1</uuid></domain>\n', '', 0],
      ['domain', 'u-2', '', "error: failed to get domain 'u-2'", 1],
    );
    expect(parseCollection(raw, meta).vms?.map((v) => v.name)).toEqual(['a']);
    expect(virshErrors(raw)).toEqual([
      expect.objectContaining({ part: 'domain', arg: 'u-2', message: "error: failed to get domain 'u-2'" }),
    ]);
  });

  it('says how many listed domains were left unread (past the limit, or after a timeout)', () => {
    const uuids = Array.from({ length: VIRSH_MAX_DOMAINS + 3 }, (_, i) => `u-${i}`);
    const domains = uuids
      .slice(0, VIRSH_MAX_DOMAINS)
      .map((u): [string, string, string, string, number] => [
        'domain',
        u,
        `running\n<domain><name>${u}</name><uuid>${u}</uuid></domain>`,
        '',
        0,
      ]);
    const raw = stream(['virsh', '', uuids.join('\n'), '', 0], ...domains);
    expect(parseCollection(raw, meta).vms).toHaveLength(VIRSH_MAX_DOMAINS);
    expect(virshErrors(raw).map((e) => e.message)).toEqual([
      `3 of ${VIRSH_MAX_DOMAINS + 3} domains not read (at most ${VIRSH_MAX_DOMAINS} are, none after a virsh call timed out)`,
    ]);
  });

  it('reports a v3 stream without its virsh part', () => {
    expect(virshErrors(stream(['hostname', '', 'h', '', 0]))).toEqual([
      expect.objectContaining({ part: 'virsh', message: 'part missing from the collection output' }),
    ]);
  });
});
