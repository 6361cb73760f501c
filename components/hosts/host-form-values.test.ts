import { describe, expect, it } from 'vitest';
import { HostInput, HostUpdateInput, type HostView } from '@/server/hosts/schema';
import { formValuesOf, NEW_HOST, parseLabels, toHostInput, toHostUpdateInput } from './host-form-values';

const ID = '0b5f8f0e-7c4e-4a51-9d0a-2f1e6c3b9a10';

function view(auth: Partial<HostView['auth']> & Pick<HostView['auth'], 'method'>): HostView {
  return {
    id: ID,
    name: 'compute-1',
    address: '198.18.0.5',
    port: 2222,
    user: 'pbuser',
    auth: { hasPassphrase: false, hasPassword: false, hasPrivateKey: false, ...auth },
    useSudo: true,
    jumpHost: 'root@bastion:22',
    sshConfigAlias: null,
    labels: ['rack-1', 'prod'],
    hostKeys: [],
    lastRefresh: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('formValuesOf', () => {
  it('prefills every field the view has, and no secret', () => {
    const values = formValuesOf(
      view({ method: 'key', keyPath: '/root/.ssh/id_ed25519', hasPassphrase: true }),
    );
    expect(values).toEqual({
      name: 'compute-1',
      address: '198.18.0.5',
      port: '2222',
      user: 'pbuser',
      auth: 'key',
      keyPath: '/root/.ssh/id_ed25519',
      privateKey: '',
      passphrase: '',
      password: '',
      jumpHost: 'root@bastion:22',
      sshConfigAlias: '',
      labels: 'rack-1, prod',
      useSudo: true,
    });
  });

  it('shows a stored uploaded key as the upload choice, other methods as they are', () => {
    expect(formValuesOf(view({ method: 'key', hasPrivateKey: true })).auth).toBe('upload');
    expect(formValuesOf(view({ method: 'password', hasPassword: true })).auth).toBe('password');
    expect(formValuesOf(view({ method: 'agent' })).auth).toBe('agent');
  });
});

describe('parseLabels', () => {
  it('splits on commas and blanks, dropping empty pieces', () => {
    expect(parseLabels(' rack-1, prod  zone:a,,')).toEqual(['rack-1', 'prod', 'zone:a']);
    expect(parseLabels('   ')).toEqual([]);
  });
});

describe('toHostInput', () => {
  it('trims and converts the fields; empty optional ones become null or the defaults', () => {
    const input = toHostInput({
      ...NEW_HOST,
      name: ' compute-1 ',
      address: ' 198.18.0.5 ',
      port: ' ',
      user: '',
      keyPath: ' /root/.ssh/id_ed25519 ',
      jumpHost: ' ',
    });
    expect(input).toEqual({
      name: 'compute-1',
      address: '198.18.0.5',
      port: 22,
      user: 'root',
      auth: { method: 'key', keyPath: '/root/.ssh/id_ed25519' },
      useSudo: false,
      jumpHost: null,
      sshConfigAlias: null,
      labels: [],
    });
    expect(HostInput.safeParse(input).success).toBe(true);
  });

  it('leaves empty secrets out (kept on update) and sends given ones as typed', () => {
    const base = { ...NEW_HOST, name: 'a', address: 'a.example' };
    expect(toHostInput({ ...base, auth: 'password' }).auth).toEqual({ method: 'password' });
    expect(toHostInput({ ...base, auth: 'password', password: ' pw ' }).auth).toEqual({
      method: 'password',
      password: ' pw ',
    });
    expect(toHostInput({ ...base, auth: 'upload' }).auth).toEqual({ method: 'key' });
    expect(toHostInput({ ...base, auth: 'upload', privateKey: 'KEY', passphrase: 'pp' }).auth).toEqual({
      method: 'key',
      privateKey: 'KEY',
      passphrase: 'pp',
    });
    expect(toHostInput({ ...base, auth: 'agent', password: 'stale', keyPath: '/k' }).auth).toEqual({
      method: 'agent',
    });
  });
});

describe('toHostUpdateInput', () => {
  it('round-trips a view through the form into a valid update that keeps the stored secrets', () => {
    const host = view({ method: 'password', hasPassword: true });
    const input = toHostUpdateInput(host.id, { ...formValuesOf(host), labels: 'rack-2' });
    expect(input).toEqual({
      id: ID,
      name: 'compute-1',
      address: '198.18.0.5',
      port: 2222,
      user: 'pbuser',
      auth: { method: 'password' },
      useSudo: true,
      jumpHost: 'root@bastion:22',
      sshConfigAlias: null,
      labels: ['rack-2'],
    });
    expect(HostUpdateInput.safeParse(input).success).toBe(true);
  });
});
