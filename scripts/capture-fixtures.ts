/**
 * Captures the raw collection stream of a running lab host into a parser fixture:
 *   npx tsx scripts/capture-fixtures.ts <fixture-name> <user@address> [port]
 * Uses the lab's key and known_hosts (.lab/), never disables host key checking.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { COLLECT_SCRIPT } from '@/server/collect/script';

const [name, target, port = '22'] = process.argv.slice(2);
if (!name || !target || !/^[\w.-]+$/.test(name)) {
  console.error('usage: tsx scripts/capture-fixtures.ts <fixture-name> <user@address> [port]');
  process.exit(2);
}
const ssh = spawnSync(
  'ssh',
  [
    '-i',
    '.lab/id_ed25519',
    '-o',
    'UserKnownHostsFile=.lab/known_hosts',
    '-o',
    'BatchMode=yes',
    '-p',
    port,
    target,
    'sh -s',
  ],
  { input: COLLECT_SCRIPT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
if (ssh.status !== 0) {
  console.error(`ssh failed (${ssh.status}): ${ssh.stderr}`);
  process.exit(1);
}
const file = `server/core/parsers/fixtures/${name}.collect.txt`;
writeFileSync(file, ssh.stdout);
console.log(`wrote ${file} (${ssh.stdout.length} bytes)`);
