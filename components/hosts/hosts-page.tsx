import { RoleGate } from '@/components/session/role-gate';
import { AddHostForm } from './add-host-form';
import { HostList } from './host-list';
import styles from './hosts.module.css';

/** `/hosts`: everyone sees the inventory; adding hosts (and their credentials) is for admins. */
export function HostsPage() {
  return (
    <main className={styles.page}>
      <h1>Hosts</h1>
      <RoleGate access="admin">
        <section data-testid="add-host-section">
          <h2>Add a host</h2>
          <AddHostForm />
        </section>
      </RoleGate>
      <h2>Inventory</h2>
      <HostList />
    </main>
  );
}
