/** Runs once when the server starts: on a fresh install, prints the one-time first-admin link. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { announceSetupLink } = await import('@/server/auth/setup-link');
  await announceSetupLink();
}
