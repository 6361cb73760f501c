import { relative } from 'node:path';
import { DEFAULT_SPECS, labDown, labStatus, labUp } from './lab';
import { repoRoot } from './paths';
import { listScenarios } from './scenario';

const usage = `usage: npm run lab -- up [scenario | scenario:name | scenario*N …]   (default: ${DEFAULT_SPECS.join(' ')})
       npm run lab -- down [name …]                                   (default: every lab host)
       npm run lab -- status
scenarios: ${listScenarios().join(', ')}`;

const rel = (p: string) => relative(repoRoot, p) || '.';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const started = Date.now();
  if (command === 'up') {
    const hosts = await labUp(args);
    // The host key's fingerprint too: the Hosts page asks the operator to compare it before trusting.
    for (const h of hosts)
      console.log(
        `${h.name.padEnd(16)} ${h.scenario.padEnd(14)} ssh -i ${rel(h.rootKeyPath)} -o UserKnownHostsFile=${rel(h.knownHostsPath)} root@${h.address}  host key ${h.hostKeyFingerprint}`,
      );
    console.log(`lab up: ${hosts.length} host(s) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }
  if (command === 'down') {
    await labDown(args.length ? args : undefined);
    console.log(`lab down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }
  if (command === 'status') {
    const hosts = await labStatus();
    if (hosts.length === 0) console.log('no lab hosts are up');
    for (const h of hosts)
      console.log(
        [
          h.name.padEnd(16),
          h.scenario.padEnd(14),
          `${h.address}:${h.port}`.padEnd(18),
          `sshd=${h.sshd ? 'ok' : 'DOWN'} ovsdb=${h.ovsdb ? 'ok' : 'DOWN'}`,
          `key=${rel(h.rootKeyPath)}`,
          `hostkey=${h.hostKeyFingerprint}`,
          `users=${Object.values(h.users)
            .map((u) => u.user)
            .join(',')}`,
        ].join('  '),
      );
    return hosts.every((h) => h.healthy) ? 0 : 1;
  }
  console.error(usage);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
