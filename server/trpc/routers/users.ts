import { z } from 'zod';
import { UserAddInput, UserIdInput, UserPasswordInput, UserRoleInput } from '@/server/auth';
import { procedure, router } from '../init';

export const usersRouter = router({
  list: procedure('admin')
    .input(z.void())
    .query(({ ctx }) => ctx.services.auth.listUsers()),
  add: procedure('admin', 'users.add')
    .input(UserAddInput)
    .mutation(({ ctx, input }) => ctx.services.auth.addUser(input)),
  setRole: procedure('admin', 'users.setRole')
    .input(UserRoleInput)
    .mutation(({ ctx, input }) => ctx.services.auth.setRole(input.id, input.role)),
  resetPassword: procedure('admin', 'users.resetPassword')
    .input(UserPasswordInput)
    .mutation(({ ctx, input }) => ctx.services.auth.resetPassword(input.id, input.password)),
  remove: procedure('admin', 'users.remove')
    .input(UserIdInput)
    .mutation(({ ctx, input }) => ctx.services.auth.removeUser(input.id)),
});
