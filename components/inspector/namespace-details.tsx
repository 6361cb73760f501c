import { useMemo } from 'react';
import { namespaceUnread, routesUnread } from '@/server/core/graph';
import type { HostModel, Namespace, Route } from '@/server/core/model';
import { linkAttachments } from './attachments';
import styles from './inspector.module.css';
import { operstateText, ruleSelectorText } from './values';

function routesByTable(routes: Route[]): [string, Route[]][] {
  const out = new Map<string, Route[]>();
  for (const r of routes) out.set(r.table, [...(out.get(r.table) ?? []), r]);
  // main first, then numbered tables, local last (it is long and rarely the question).
  const rank = (t: string) => (t === 'main' ? 0 : t === 'local' ? 2 : 1);
  return [...out.entries()].sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }),
  );
}

export function NamespaceDetails({ model, ns }: { model: HostModel; ns: Namespace }) {
  const attached = useMemo(() => linkAttachments(model), [model]);
  const via = (dev: string) => attached.get(ns.links.find((l) => l.name === dev)?.id ?? '');
  const unread = namespaceUnread(model, ns.name);
  const noRoutes = routesUnread(model, ns.name);
  return (
    <>
      {unread && (
        <div className={styles.unread} data-testid="namespace-unread">
          Read in part — {unread}
        </div>
      )}
      <h3>Links</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>name</th>
            <th>kind</th>
            <th>state</th>
            <th>MAC</th>
            <th>addresses</th>
            <th>plugged into</th>
          </tr>
        </thead>
        <tbody>
          {ns.links.map((l) => (
            <tr key={l.id}>
              <td>{l.name}</td>
              <td>{l.kind}</td>
              <td>{operstateText(l.operstate) ?? '—'}</td>
              <td>{l.mac ?? '—'}</td>
              <td>{l.addresses.map((a) => `${a.local}/${a.prefixlen}`).join(' ') || '—'}</td>
              <td>{attached.get(l.id) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Routes</h3>
      {ns.routes.length === 0 && (
        <div className={styles.sub}>
          {noRoutes ? `Routes could not be read: ${noRoutes.message}` : 'No routes.'}
        </div>
      )}
      {routesByTable(ns.routes).map(([table, routes]) => (
        // The local table (the host's own addresses and broadcasts) is long and rarely the question: folded.
        <details key={table} data-testid={`routes-${table}`} open={table !== 'local'}>
          <summary className={styles.sub}>
            table {table} ({routes.length})
          </summary>
          <table className={styles.table}>
            <tbody>
              {routes.map((r) => (
                <tr key={r.id} className={r.dst === 'default' ? styles.defaultRoute : undefined}>
                  <td>
                    {r.type === 'unicast' ? '' : `${r.type} `}
                    {r.dst}
                  </td>
                  <td>{r.gateway ? `via ${r.gateway}` : ''}</td>
                  <td>
                    {r.dev ? `dev ${r.dev}` : ''}
                    {r.dev && via(r.dev) ? ` (${via(r.dev)})` : ''}
                  </td>
                  <td>
                    {[
                      r.family,
                      r.protocol && `proto ${r.protocol}`,
                      r.metric !== undefined && `metric ${r.metric}`,
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
      <h3>Rules</h3>
      {ns.rules.length === 0 && <div className={styles.sub}>No rules.</div>}
      <table className={styles.table}>
        <tbody>
          {ns.rules.map((r) => (
            <tr key={r.id}>
              <td>{r.priority}</td>
              <td>{ruleSelectorText(r.selector)}</td>
              <td>
                {r.action}
                {r.table ? ` ${r.table}` : ''}
              </td>
              <td>{r.family}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
