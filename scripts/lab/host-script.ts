import { heredoc, q } from './shell-quote';

// Pure text for one lab host: the sshd config and the bootstrap script that runs inside the
// host's fresh mount namespace (`unshare -m -u`) and starts its private world.

export const LAB_USERS = {
  sudo: { user: 'pbuser', uid: 64011, sudoers: 'ALL=(ALL) NOPASSWD: ALL' },
  sudoPassword: { user: 'pbnopw', uid: 64012, sudoers: 'ALL=(ALL) ALL' },
  /** The only user sshd lets in with a password (no authorised key); sudo needs none. */
  password: { user: 'pbpass', uid: 64013, sudoers: 'ALL=(ALL) NOPASSWD: ALL' },
} as const;

export type HostFiles = {
  name: string;
  dir: string;
  address: string;
  port: number;
  hostKey: string;
  authorizedKeysDir: string;
  /** `$6$` crypt hash of the password user's password (see password.ts). */
  passwordHash: string;
};

export function sshdConfig(h: HostFiles): string {
  const users = ['root', LAB_USERS.sudo.user, LAB_USERS.sudoPassword.user, LAB_USERS.password.user];
  return `${[
    `ListenAddress ${h.address}:${h.port}`,
    `HostKey ${h.hostKey}`,
    `PidFile ${h.dir}/sshd.pid`,
    `AuthorizedKeysFile ${h.authorizedKeysDir}/%u`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    // The keys live under the repository, whose parents may be group-writable.
    'StrictModes no',
    `AllowUsers ${users.join(' ')}`,
    'PrintMotd no',
    // Benchmarks and tests open many sessions at once.
    'MaxStartups 200:30:400',
    'MaxSessions 100',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    // Password login for one user only: root and the key users stay key-only. With UsePAM no,
    // sshd checks the password against /etc/shadow itself. Match blocks must come last.
    `Match User ${LAB_USERS.password.user}`,
    '  PasswordAuthentication yes',
  ].join('\n')}\n`;
}

/**
 * Runs as `sh -e` inside the host's netns + new mount/UTS namespaces. A tmpfs on /run makes
 * /run/openvswitch, /run/netns and /run/sshd private; bind-mounted copies of /etc files add the
 * lab users without touching the machine's /etc. Daemon pid files are copied to `dir` so the
 * root namespace can find (and later stop) them.
 */
export function bootstrapScript(h: HostFiles): string {
  const d = q(h.dir);
  const extra = [LAB_USERS.sudo, LAB_USERS.sudoPassword, LAB_USERS.password];
  const shadowPassword = (user: string) => (user === LAB_USERS.password.user ? h.passwordHash : '*');
  const etc = ['passwd', 'group', 'shadow', 'hosts'];
  return [
    `hostname ${q(h.name)}`,
    'mount -t tmpfs -o mode=0755 lab-run /run',
    'mkdir -p /run/openvswitch /run/netns /run/sshd /run/lock /run/lab-etc /run/home',
    'E=/run/lab-etc',
    ...extra.map(
      (u) =>
        `if grep -q -e '^${u.user}:' -e '^[^:]*:[^:]*:${u.uid}:' /etc/passwd; then echo "user ${u.user} or uid ${u.uid} exists in /etc/passwd" >&2; exit 1; fi`,
    ),
    `for f in ${etc.join(' ')}; do cp -p /etc/$f $E/$f; done`,
    // root gets a fresh home from /etc/skel, like a new host: the machine's own /root dotfiles
    // (a .bashrc that runs pyenv/nvm on every ssh exec) stay out of tests and benchmarks.
    `sed -i 's#^\\(root:[^:]*:0:[^:]*:[^:]*:\\)[^:]*#\\1/run/home/root#' $E/passwd`,
    'cp -a /etc/sudoers.d $E/sudoers.d',
    heredoc(
      'cat >> $E/passwd',
      extra.map((u) => `${u.user}:x:${u.uid}:${u.uid}:Patchbay lab user:/run/home/${u.user}:/bin/bash`),
    ).trimEnd(),
    heredoc(
      'cat >> $E/group',
      extra.map((u) => `${u.user}:x:${u.uid}:`),
    ).trimEnd(),
    heredoc(
      'cat >> $E/shadow',
      extra.map((u) => `${u.user}:${shadowPassword(u.user)}:19000:0:99999:7:::`),
    ).trimEnd(),
    heredoc(
      'cat > $E/sudoers.d/patchbay-lab',
      extra.map((u) => `${u.user} ${u.sudoers}`),
    ).trimEnd(),
    'chmod 0440 $E/sudoers.d/patchbay-lab',
    `echo ${q(`127.0.1.1 ${h.name}`)} >> $E/hosts`,
    `for f in ${etc.join(' ')} sudoers.d; do mount --bind $E/$f /etc/$f; done`,
    ...extra.map((u) => `mkdir -m 0700 /run/home/${u.user} && chown ${u.uid}:${u.uid} /run/home/${u.user}`),
    'mkdir -m 0700 /run/home/root && if [ -d /etc/skel ]; then cp -a /etc/skel/. /run/home/root/; fi',
    'ip link set lo up',
    `ovsdb-server ${d}/conf.db --remote=punix:/run/openvswitch/db.sock --remote=db:Open_vSwitch,Open_vSwitch,manager_options --pidfile --detach --log-file=${d}/ovsdb-server.log`,
    `cp /run/openvswitch/ovsdb-server.pid ${d}/ovsdb-server.pid`,
    // ovs_version as ovs-ctl records it: the planner bundles flows only where it knows OVS is new enough.
    `ovs-vsctl --no-wait init -- set Open_vSwitch . external_ids:system-id=${q(h.name)} external_ids:hostname=${q(h.name)} ovs_version="$(ovs-vswitchd --version | sed -n '1s/.* //p')"`,
    `ovs-vswitchd --pidfile --detach --log-file=${d}/ovs-vswitchd.log`,
    `cp /run/openvswitch/ovs-vswitchd.pid ${d}/ovs-vswitchd.pid`,
    '',
  ].join('\n');
}

/** Started last, so an answering sshd means the scenario is built. */
export const startSshdCommand = (dir: string) => [
  '/usr/sbin/sshd',
  '-f',
  `${dir}/sshd_config`,
  '-E',
  `${dir}/sshd.log`,
];
