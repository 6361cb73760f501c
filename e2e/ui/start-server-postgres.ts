/**
 * Playwright's second web server: the same dashboard in team mode. Starts a private PostgreSQL
 * cluster (scripts/pg/cluster.ts), points DATABASE_URL at it, runs start-server.sh (accounts, then
 * `next start`), and when Playwright stops it (SIGTERM), stops the server and then the cluster.
 */
import { spawn } from 'node:child_process';
import { startPrivateCluster } from '@/scripts/pg/cluster';

const cluster = await startPrivateCluster();
const server = spawn('bash', ['e2e/ui/start-server.sh'], {
  env: { ...process.env, DATABASE_URL: cluster.url },
  stdio: 'inherit',
});
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null && server.pid) process.kill(server.pid, 'SIGTERM');
  await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve(null)));
  await cluster.stop();
  process.exit(code);
};
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 1));
