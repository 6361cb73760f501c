import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const labDir = path.join(repoRoot, '.lab');
export const statePath = path.join(labDir, 'state.json');
export const knownHostsPath = path.join(labDir, 'known_hosts');
export const authorizedKeysDir = path.join(labDir, 'authorized_keys');
export const scenariosDir = path.join(repoRoot, 'scripts', 'lab', 'scenarios');
export const hostDir = (name: string) => path.join(labDir, 'hosts', name);
export const userKeyPath = (user: string) =>
  path.join(labDir, user === 'root' ? 'id_ed25519' : `id_ed25519_${user}`);
