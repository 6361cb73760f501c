import { AuditPage } from '@/components/admin/audit-page';

export const metadata = { title: 'Audit log · Patchbay' };

export default function Page() {
  return <AuditPage />;
}
