import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRoute } from './connect';
import { parseDestination } from './destination';
import { defaultPoolSettings } from './pool';
import { resolveEndpoint, resolveJumpHop } from './ssh-config';

const CONFIG = `
Host bastion
  HostName 198.18.0.1
  User jumper
  Port 2200

Host web*
  HostName %h.example.internal
  User ops
  IdentityFile ~/.ssh/web_key
  ProxyJump bastion

Host direct
  HostName 198.18.0.9
  ProxyJump none

Host *
  IdentityFile %d/.ssh/id_%r
`;
const opts = { home: '/home/me', localUser: 'me', fallback: { port: 22, user: 'me' } };

describe('resolveEndpoint', () => {
  it('applies HostName, User, Port of an alias', () => {
    const r = resolveEndpoint(CONFIG, 'bastion', opts);
    expect(r).toMatchObject({ host: '198.18.0.1', user: 'jumper', port: 2200, proxyJump: [] });
  });
  it('expands %h, ~ and %d/%r, keeps first-match order and collects ProxyJump', () => {
    const r = resolveEndpoint(CONFIG, 'web1', opts);
    expect(r.host).toBe('web1.example.internal');
    expect(r.user).toBe('ops');
    expect(r.identityFiles).toEqual(['/home/me/.ssh/web_key', '/home/me/.ssh/id_ops']);
    expect(r.proxyJump).toEqual(['bastion']);
  });
  it('lets explicit values win over the config', () => {
    const r = resolveEndpoint(CONFIG, 'bastion', { ...opts, explicit: { port: 22, user: 'root' } });
    expect(r).toMatchObject({ port: 22, user: 'root', host: '198.18.0.1' });
  });
  it('falls back to the address itself with no config', () => {
    expect(resolveEndpoint(null, '192.0.2.5', opts)).toEqual({
      alias: '192.0.2.5',
      host: '192.0.2.5',
      port: 22,
      user: 'me',
      identityFiles: [],
      proxyJump: [],
    });
  });
  it('treats ProxyJump none as no jump', () => {
    expect(resolveEndpoint(CONFIG, 'direct', opts).proxyJump).toEqual([]);
  });
});

describe('Match exec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-match-exec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const execConfig = (marker: string) =>
    `Match exec "touch ${marker}"\n  User fromexec\n\nHost box\n  HostName 192.0.2.7\n`;

  it('is not run by default, neither by resolveEndpoint nor through the pool settings', () => {
    const direct = join(dir, 'direct');
    expect(resolveEndpoint(execConfig(direct), 'box', opts)).toMatchObject({ host: '192.0.2.7', user: 'me' });
    const viaPool = join(dir, 'via-pool');
    const saved = process.env.PATCHBAY_SSH_MATCH_EXEC;
    delete process.env.PATCHBAY_SSH_MATCH_EXEC;
    try {
      const settings = defaultPoolSettings({ sshConfigText: execConfig(viaPool), home: '/home/me' });
      expect(settings.sshMatchExec).toBe(false);
      expect(
        planRoute({ id: 'b', name: 'b', address: 'box', hostKeys: null as never }, settings),
      ).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env.PATCHBAY_SSH_MATCH_EXEC = saved;
    }
    expect(existsSync(direct)).toBe(false);
    expect(existsSync(viaPool)).toBe(false);
  });

  it('runs only when enabled (PATCHBAY_SSH_MATCH_EXEC=1 sets the pool setting)', () => {
    const saved = process.env.PATCHBAY_SSH_MATCH_EXEC;
    process.env.PATCHBAY_SSH_MATCH_EXEC = '1';
    try {
      expect(defaultPoolSettings({ sshConfigText: null }).sshMatchExec).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.PATCHBAY_SSH_MATCH_EXEC;
      else process.env.PATCHBAY_SSH_MATCH_EXEC = saved;
    }
    const marker = join(dir, 'enabled');
    // The library wraps the command in a bash function, so under dash the criterion never
    // matches; the command still runs, which is the point here.
    resolveEndpoint(execConfig(marker), 'box', { ...opts, matchExec: true });
    expect(existsSync(marker)).toBe(true);
  });
});

describe('resolveJumpHop', () => {
  it('resolves a hop through the config, with explicit user/port from the hop string', () => {
    expect(resolveJumpHop(CONFIG, 'bastion', opts)).toMatchObject({
      host: '198.18.0.1',
      user: 'jumper',
      port: 2200,
    });
    expect(resolveJumpHop(CONFIG, 'admin@bastion:22', opts)).toMatchObject({ user: 'admin', port: 22 });
  });
});

describe('parseDestination', () => {
  it.each([
    ['host', { host: 'host' }],
    ['root@host', { user: 'root', host: 'host' }],
    ['root@host:2222', { user: 'root', host: 'host', port: 2222 }],
    ['[2001:db8::1]:22', { host: '2001:db8::1', port: 22 }],
    ['2001:db8::1', { host: '2001:db8::1' }],
    ['ssh://a@b:3', { user: 'a', host: 'b', port: 3 }],
  ])('%s', (text, expected) => {
    expect(parseDestination(text)).toEqual(expected);
  });
  it('rejects bad ports and empty parts', () => {
    expect(() => parseDestination('h:70000')).toThrow(/port/);
    expect(() => parseDestination('@h')).toThrow();
    expect(() => parseDestination('')).toThrow();
  });
});
