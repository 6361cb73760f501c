import { AddHostForm } from './add-host-form';
import { HostList } from './host-list';
import styles from './hosts.module.css';

export function HostsPage() {
  return (
    <main className={styles.page}>
      <p>
        <a href="/">← Graph</a>
      </p>
      <h1>Hosts</h1>
      <h2>Add a host</h2>
      <AddHostForm />
      <h2>Inventory</h2>
      <HostList />
    </main>
  );
}
