import { AuditListInput } from '@/server/audit';
import { procedure, router } from '../init';

export const auditRouter = router({
  list: procedure('admin')
    .input(AuditListInput)
    .query(({ ctx, input }) => ctx.services.audit.list(input)),
});
