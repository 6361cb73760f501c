import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sameTopology } from '@/server/core/model/canonical';
import { HostModel } from '@/server/core/model/schema';
import { parseCollection } from '@/server/core/parse-host';
import { IP_BATCH } from '@/server/core/parsers/ip-batch';
import { splitStream } from '@/server/core/parsers/stream';
import { COLLECT_PARTS, COLLECT_SCRIPT, SCOPED_SCRIPT, STREAM_VERSION } from './script';

/** A private /run (no other namespaces, no libvirt socket) and libvirt's daemon-less test driver. */
const ISOLATE =
  'mount --make-rprivate / && mount -t tmpfs tmpfs /run && mkdir /run/netns && export LIBVIRT_DEFAULT_URI=test:///default';

describe('COLLECT_SCRIPT', () => {
  it('is valid POSIX sh', () => {
    expect(() => execFileSync('sh', ['-n', '-c', COLLECT_SCRIPT])).not.toThrow();
  });

  it('runs one ip batch per namespace whose commands match IP_BATCH', () => {
    expect(COLLECT_SCRIPT).toContain('-force -batch -');
    expect(COLLECT_SCRIPT).toContain(IP_BATCH.map((c) => c.command).join('\n'));
    // No per-section subshell on the fast path: the only $( ) are the one-off lists (namespaces,
    // bridges, domains) and the fallback.
    expect(COLLECT_SCRIPT.match(/\$\((?!\()/g)).toHaveLength(6);
  });

  it('only reads: no command that changes host state', () => {
    expect(COLLECT_SCRIPT).not.toMatch(
      /\b(add-br|del-br|add-port|del-port|add-flow|del-flows|mod-flows|set-controller)\b/,
    );
    expect(COLLECT_SCRIPT).not.toMatch(/\bip\b[^\n]*\b(add|del|delete|set|flush|change|replace)\b/);
    expect(COLLECT_SCRIPT).not.toMatch(/\bovs-vsctl\b(?![^\n]*list-br)/);
    // virsh only over a read-only connection, and only listing and describing domains.
    expect(COLLECT_SCRIPT).toContain('virsh -r "$@"');
    expect(COLLECT_SCRIPT.match(/\bvsh \S+/g)?.sort()).toEqual(['vsh domstate', 'vsh dumpxml', 'vsh list']);
  });

  // Runs in a fresh network + mount namespace (needs root) so other namespaces on this machine
  // stay out of it; without OVS there, the ovsdb part must fail cleanly and the rest still close.
  // virsh, where installed, reads libvirt's test driver (its built-in domain "test"), not a daemon.
  it.skipIf(process.getuid?.() !== 0)(
    'runs in an empty namespace and yields a complete, parseable stream',
    () => {
      const isolate = `${ISOLATE} && exec sh -c "$0"`;
      const raw = execFileSync('unshare', ['--net', '--mount', 'sh', '-c', isolate, COLLECT_SCRIPT], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      const { version, sections } = splitStream(raw);
      expect(version).toBe(STREAM_VERSION);
      expect(sections.every((s) => s.rc !== null)).toBe(true);
      const parts = new Set(sections.map((s) => s.part));
      // flows and domain parts come one per bridge / domain.
      for (const part of COLLECT_PARTS.filter((p) => p !== 'flows' && p !== 'domain'))
        expect(parts.has(part)).toBe(true);
      const model = parseCollection(raw, { host: 'local', collectedAt: new Date().toISOString() });
      expect(HostModel.safeParse(model).success).toBe(true);
      expect(model.namespaces[0]?.links.some((l) => l.name === 'lo')).toBe(true);
      expect(model.ovs).toBeNull();
      expect(model.errors.map((e) => e.part)).toEqual(['ovsdb']);
      if (model.vms !== null) expect(model.vms?.map((v) => [v.name, v.state])).toEqual([['test', 'running']]);
    },
  );

  // The parallel workers (temporary directory) and the sequential fallback (none writable) must
  // read the same host: every namespace once, whichever worker read it.
  it.skipIf(process.getuid?.() !== 0)(
    'reads the same namespaces with parallel workers and with the sequential fallback',
    () => {
      const isolate = [
        ISOLATE,
        'for i in 1 2 3 4 5 6 7; do ip netns add "pb-t$i" && ip -n "pb-t$i" link add d$i type veth peer e$i; done',
        'sh -c "$0" >/run/parallel && TMPDIR=/nonexistent sh -c "$0" >/run/sequential',
        'cat /run/parallel && echo @@SPLIT@@ && cat /run/sequential',
      ].join(' && ');
      const out = execFileSync('unshare', ['--net', '--mount', 'sh', '-c', isolate, COLLECT_SCRIPT], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      const [parallel = '', sequential = ''] = out.split('@@SPLIT@@\n');
      const read = (raw: string) => parseCollection(raw, { host: 'local', collectedAt: 'now' });
      const a = read(parallel);
      const b = read(sequential);
      expect(a.namespaces.map((n) => n.name).sort()).toEqual(
        ['', ...[1, 2, 3, 4, 5, 6, 7].map((i) => `pb-t${i}`)].sort(),
      );
      for (const ns of a.namespaces.filter((n) => n.name))
        expect(ns.links.map((l) => l.name)).toContain(`d${ns.name.slice(4)}`);
      expect(a.errors.map((e) => e.part)).toEqual(['ovsdb']);
      expect(sameTopology(a, b)).toBe(true);
    },
  );
});

describe('SCOPED_SCRIPT', () => {
  it('is valid POSIX sh', () => {
    expect(() => execFileSync('sh', ['-n', '-c', SCOPED_SCRIPT])).not.toThrow();
  });

  // A scoped read's OVS system must equal a full read's, so the OVSDB scope reads the version too.
  it.skipIf(process.getuid?.() !== 0)('reads the OVS version with the ovsdb scope', () => {
    const isolate = `${ISOLATE} && exec sh -c "$0" sh ovsdb`;
    const raw = execFileSync('unshare', ['--net', '--mount', 'sh', '-c', isolate, SCOPED_SCRIPT], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(splitStream(raw).sections.map((s) => s.part)).toEqual(['ovsdb', 'ovs-version']);
  });
});
