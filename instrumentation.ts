/**
 * Runs once when the server starts: on a fresh install, prints the one-time first-admin link; then
 * the server renders its public pages for itself, so the first operator's page is not rendered cold.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { announceSetupLink } = await import('@/server/auth/setup-link');
  await announceSetupLink();
  const { warmRenderPath } = await import('@/server/start/warm-render');
  void warmRenderPath();
}
