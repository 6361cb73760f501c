import { describe, expect, it } from 'vitest';
import { bootstrapScript, type HostFiles, LAB_USERS, sshdConfig } from './host-script';

const files: HostFiles = {
  name: 'h1',
  dir: '/lab/hosts/h1',
  address: '198.18.0.9',
  port: 22,
  hostKey: '/lab/hosts/h1/ssh_host_ed25519_key',
  authorizedKeysDir: '/lab/authorized_keys',
  passwordHash: `$6$saltsalt$${'a'.repeat(86)}`,
};

describe('lab host files', () => {
  it('allows password login for the password user only, in a trailing Match block', () => {
    const lines = sshdConfig(files).trimEnd().split('\n');
    expect(lines.filter((l) => /PasswordAuthentication/.test(l))).toEqual([
      'PasswordAuthentication no',
      '  PasswordAuthentication yes',
    ]);
    expect(lines.slice(-2)).toEqual([
      `Match User ${LAB_USERS.password.user}`,
      '  PasswordAuthentication yes',
    ]);
    expect(lines).toContain('PermitRootLogin prohibit-password');
    expect(lines.find((l) => l.startsWith('AllowUsers'))?.split(' ')).toContain(LAB_USERS.password.user);
  });

  it('puts the hash in the private shadow copy (quoted here-doc) and locks the key users', () => {
    const script = bootstrapScript(files);
    const shadow = /cat >> \$E\/shadow <<'LAB_EOF'\n([\s\S]*?)\nLAB_EOF/.exec(script)?.[1]?.split('\n');
    expect(shadow).toEqual([
      `${LAB_USERS.sudo.user}:*:19000:0:99999:7:::`,
      `${LAB_USERS.sudoPassword.user}:*:19000:0:99999:7:::`,
      `${LAB_USERS.password.user}:${files.passwordHash}:19000:0:99999:7:::`,
    ]);
    expect(script).toContain(`${LAB_USERS.password.user} ${LAB_USERS.password.sudoers}`);
    expect(script).toContain(`mkdir -m 0700 /run/home/${LAB_USERS.password.user}`);
  });
});
