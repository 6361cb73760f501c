import { z } from 'zod';
import { ChangePasswordInput, LoginInput, SetupInput, type SignedIn } from '@/server/auth';
import { type Context, procedure, router, sessionOf } from '../init';

/** A new session goes to the browser only as the HttpOnly cookie; the answer names the user. */
function withCookie(ctx: Context, signedIn: SignedIn) {
  ctx.cookies.set(signedIn.token, signedIn.expiresAt);
  return { user: signedIn.user };
}

/** Sign-in, first-run setup and the signed-in user's own account. */
export const authRouter = router({
  me: procedure('anonymous').query(async ({ ctx }) => ({
    user: ctx.session?.user ?? null,
    setupNeeded: ctx.session ? false : await ctx.services.auth.setupNeeded(),
  })),
  login: procedure('anonymous', 'auth.login')
    .input(LoginInput)
    .mutation(async ({ ctx, input }) => withCookie(ctx, await ctx.services.auth.login(input, ctx.request))),
  setup: procedure('anonymous', 'auth.setup')
    .input(SetupInput)
    .mutation(async ({ ctx, input }) => withCookie(ctx, await ctx.services.auth.setup(input, ctx.request))),
  logout: procedure('anonymous', 'auth.logout')
    .input(z.void())
    .mutation(async ({ ctx }) => {
      await ctx.services.auth.logout(ctx.cookies.token);
      ctx.cookies.clear();
    }),
  changePassword: procedure('viewer', 'auth.changePassword')
    .input(ChangePasswordInput)
    .mutation(({ ctx, input }) => ctx.services.auth.changePassword(sessionOf(ctx), input)),
});
