import { HostsPage } from '@/components/hosts/hosts-page';

export const metadata = { title: 'Hosts · Patchbay' };

export default function Page() {
  return <HostsPage />;
}
