import 'server-only';
import { getServices } from '@/server/services';
import { ownHost, webConfigFrom } from '@/server/web';

/**
 * First run has no default password: while no user exists, each server start prints a new
 * one-time link (24 h) for creating the first admin; older links stop working. The token sits in
 * the URL fragment, which browsers never send, so it stays out of access logs and proxies.
 */
export async function announceSetupLink(env = process.env): Promise<void> {
  const services = await getServices();
  const token = await services.auth.createSetupToken();
  if (!token) return;
  const config = webConfigFrom(env);
  const host = ownHost(config, env);
  const scheme = config.trustProxy ? 'https' : 'http';
  console.log(
    [
      'patchbay: no users yet. Create the first admin (link valid 24 h, once) at:',
      `patchbay:   ${scheme}://${host}/setup#token=${token}`,
      'patchbay: or stop the server and run: npx patchbay user add NAME --admin',
    ].join('\n'),
  );
}
