import { LEGEND_KEY } from './legend';
import styles from './topology-view.module.css';

export const SHORTCUTS: [string, string][] = [
  ['f', 'fit the graph to the window'],
  ['/', 'search (name, MAC, IP, vlan N)'],
  ['r', 'refresh now'],
  ['l', 'lint findings'],
  [LEGEND_KEY, 'legend: what the colours, borders and lines mean'],
  ['t', 'packet trace (one host)'],
  ['e', 'edit mode (one host, operators)'],
  ['s', 'take a snapshot of the hosts shown (operators)'],
  ['Esc', 'clear selection and search'],
  ['?', 'show or hide this help'],
  ['double-click', 'collapse or expand a bridge or namespace'],
];

/**
 * `canRefresh`: the view has refresh controls (they are absent for viewers and the example);
 * `canSnapshot`: it has the Snapshot button (operators viewing inventory hosts).
 */
export function HelpPopover({
  canRefresh,
  canSnapshot,
  onClose,
}: {
  canRefresh: boolean;
  canSnapshot: boolean;
  onClose: () => void;
}) {
  const shortcuts = SHORTCUTS.filter(([k]) => (k !== 'r' || canRefresh) && (k !== 's' || canSnapshot));
  return (
    <div className={styles.help} role="dialog" aria-label="Keyboard shortcuts" data-testid="help">
      <strong>Keyboard shortcuts</strong>
      <ul style={{ listStyle: 'none', padding: 0, margin: '6px 0' }}>
        {shortcuts.map(([k, what]) => (
          <li key={k}>
            <kbd>{k}</kbd>
            {what}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
