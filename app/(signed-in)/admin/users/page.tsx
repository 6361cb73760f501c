import { UsersPage } from '@/components/admin/users-page';

export const metadata = { title: 'Users · Patchbay' };

export default function Page() {
  return <UsersPage />;
}
