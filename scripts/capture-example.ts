/**
 * Regenerates server/example/openstack-aio.json, the example topology shown before any host is
 * added: runs the collection script on the running `openstack-aio` lab host over ssh (lab key and
 * lab known_hosts, strict host key checking) and parses the output.
 *
 *   npm run lab -- up openstack-aio
 *   npx tsx scripts/capture-example.ts            # from the running lab host
 *   npx tsx scripts/capture-example.ts --fixture  # from server/core/parsers/fixtures/openstack-aio.collect.txt
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, statePath } from '@/scripts/lab/paths';
import { labStateSchema } from '@/scripts/lab/state';
import { COLLECT_SCRIPT } from '@/server/collect/script';
import { canonicalize, HostModel } from '@/server/core/model';
import { parseCollection } from '@/server/core/parse-host';

const HOST = 'openstack-aio';
const out = path.join(repoRoot, 'server', 'example', 'openstack-aio.json');
const fixture = path.join(repoRoot, 'server', 'core', 'parsers', 'fixtures', 'openstack-aio.collect.txt');

function collectFromLab(): string {
  const state = labStateSchema.parse(JSON.parse(readFileSync(statePath, 'utf8')));
  const host = state.hosts.find((h) => h.name === HOST);
  if (!host) throw new Error(`lab host ${HOST} is not up: run \`npm run lab -- up ${HOST}\``);
  const res = spawnSync(
    'ssh',
    [
      '-i',
      host.rootKeyPath,
      '-o',
      `UserKnownHostsFile=${host.knownHostsPath}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      '-p',
      String(host.port),
      `root@${host.address}`,
      'sh -s',
    ],
    { input: COLLECT_SCRIPT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`ssh failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

const raw = process.argv.includes('--fixture') ? readFileSync(fixture, 'utf8') : collectFromLab();
const model = parseCollection(raw, { host: HOST, collectedAt: new Date().toISOString() });
// Counters stay: the example's inspector shows n_packets like a live host would.
const example = HostModel.parse(canonicalize(model));
writeFileSync(out, `${JSON.stringify(example, null, 1)}\n`);
console.log(
  `wrote ${path.relative(repoRoot, out)}: ${example.ovs?.bridges.length ?? 0} bridges, ${example.namespaces.length} namespaces`,
);
