'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import type { HostModel } from '@/server/core/model';
import { type TracePath, traceText } from '@/server/core/trace';
import styles from './diagnostics.module.css';
import { initialTraceForm, portsOf, type TraceFormValues, traceMarks, traceRequestOf } from './trace-form';

const PROTOCOLS = ['', 'ip', 'arp', 'icmp', 'tcp', 'udp', 'ipv6', 'icmp6'];

/**
 * Packet trace (docs/trace.md): a packet entering a bridge by a port, or sent from a namespace to
 * an address; Patchbay runs ovs-appctl ofproto/trace on the host (read-only) and draws the path.
 */
export function TracePanel(p: {
  hostId: string;
  model: HostModel;
  /** The port selected on the graph, as the default source. */
  port: { bridge: string; port: string } | null;
  onMarks: (marks: Map<string, string>) => void;
  onSelect: (elementId: string) => void;
  onClose: () => void;
  /** Operators may also ping from a namespace (it sends packets); null for viewers. */
  ping: { elementOf: (modelId: string) => string | undefined } | null;
}) {
  const bridges = p.model.ovs?.bridges.map((b) => b.name) ?? [];
  const namespaces = p.model.namespaces.filter((n) => !n.isRoot).map((n) => n.name);
  const [v, setV] = useState<TraceFormValues>(() => initialTraceForm(p.model, p.port));
  const [touched, setTouched] = useState(false);
  const trpc = useTRPC();
  const run = useMutation(
    trpc.trace.run.mutationOptions({
      onSuccess: (path) => p.onMarks(traceMarks(path)),
      onError: () => p.onMarks(new Map()),
    }),
  );
  const reach = useMutation(
    trpc.trace.reach.mutationOptions({
      onSuccess: (r) => {
        const el = r.route ? p.ping?.elementOf(r.route.linkId) : undefined;
        p.onMarks(el ? new Map([[el, 'traced']]) : new Map());
      },
    }),
  );
  const built = traceRequestOf(p.model, v);
  const set = (k: keyof TraceFormValues) => (e: { target: { value: string } }) => {
    setTouched(true);
    setV((old) => ({
      ...old,
      [k]: e.target.value,
      ...(k === 'bridge' ? { inPort: portsOf(p.model, e.target.value)[0] ?? '' } : {}),
    }));
  };
  const field = (k: keyof TraceFormValues, label: string, placeholder = '') => (
    <>
      <label htmlFor={`trace-${k}`}>{label}</label>
      <input id={`trace-${k}`} value={v[k]} placeholder={placeholder} onChange={set(k)} />
    </>
  );
  return (
    <section className={styles.panel} aria-label="Packet trace" data-testid="trace">
      <div className={styles.head}>
        <strong>Packet trace</strong>
        <label>
          <input
            type="radio"
            name="trace-source"
            checked={v.source === 'port'}
            onChange={() => setV((o) => ({ ...o, source: 'port' }))}
          />{' '}
          from a port
        </label>
        <label>
          <input
            type="radio"
            name="trace-source"
            checked={v.source === 'namespace'}
            disabled={namespaces.length === 0}
            onChange={() => setV((o) => ({ ...o, source: 'namespace' }))}
          />{' '}
          from a namespace
        </label>
        <button
          type="button"
          aria-label="Close trace"
          onClick={() => {
            p.onMarks(new Map());
            p.onClose();
          }}
        >
          ×
        </button>
      </div>
      <form
        aria-label="Trace a packet"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (built.ok) run.mutate({ hostId: p.hostId, request: built.request });
        }}
      >
        <div className={styles.form}>
          {v.source === 'port' ? (
            <>
              <label htmlFor="trace-bridge">Bridge</label>
              <select id="trace-bridge" value={v.bridge} onChange={set('bridge')}>
                {bridges.map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
              <label htmlFor="trace-inPort">In port</label>
              <select id="trace-inPort" value={v.inPort} onChange={set('inPort')}>
                {portsOf(p.model, v.bridge).map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
              {field('vlan', 'VLAN', 'untagged')}
              <label htmlFor="trace-protocol">Protocol</label>
              <select id="trace-protocol" value={v.protocol} onChange={set('protocol')}>
                {PROTOCOLS.map((x) => (
                  <option key={x} value={x}>
                    {x || '—'}
                  </option>
                ))}
              </select>
              {field('dlSrc', 'Src MAC')}
              {field('dlDst', 'Dst MAC')}
              {field('nwSrc', 'Src IP')}
              {field('nwDst', 'Dst IP')}
              {field('tpDst', 'Dst port')}
            </>
          ) : (
            <>
              <label htmlFor="trace-namespace">Namespace</label>
              <select id="trace-namespace" value={v.namespace} onChange={set('namespace')}>
                {namespaces.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
              {field('dst', 'To address', '10.0.0.1')}
            </>
          )}
        </div>
        {touched && !built.ok && (
          <ul className={styles.error} role="alert">
            {built.problems.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
        {built.ok && built.note && <p className={styles.note}>{built.note}</p>}
        <button type="submit" disabled={run.isPending || (touched && !built.ok)}>
          {run.isPending ? 'Tracing…' : 'Trace'}
        </button>
        {p.ping && v.source === 'namespace' && (
          <button
            type="button"
            disabled={reach.isPending || v.dst.trim() === ''}
            onClick={() =>
              reach.mutate({ hostId: p.hostId, request: { namespace: v.namespace, address: v.dst.trim() } })
            }
            title="ip netns exec NS ping -c 3 -W 1 ADDRESS, and ip route get ADDRESS"
          >
            {reach.isPending ? 'Pinging…' : 'Ping'}
          </button>
        )}
      </form>
      {reach.error && (
        <p className={styles.error} role="alert">
          {reach.error.message}
        </p>
      )}
      {reach.data && (
        <p data-testid="reach-result">
          {reach.data.ping
            ? `${reach.data.ping.received}/${reach.data.ping.sent} replies${reach.data.ping.rttAvgMs === null ? '' : `, ${reach.data.ping.rttAvgMs} ms average`}`
            : `ping failed: ${reach.data.pingError}`}
          {' · '}
          {reach.data.route
            ? `route: dev ${reach.data.route.dev}${reach.data.route.gateway ? ` via ${reach.data.route.gateway}` : ''}${reach.data.route.src ? ` src ${reach.data.route.src}` : ''}`
            : `no route: ${reach.data.routeError}`}
        </p>
      )}
      {run.error && (
        <p className={styles.error} role="alert">
          {run.error.message}
        </p>
      )}
      {run.data && <TraceResult path={run.data} onSelect={p.onSelect} />}
    </section>
  );
}

function TraceResult({ path, onSelect }: { path: TracePath; onSelect: (id: string) => void }) {
  // The text's closing lines: the fate and where the packet left (traceText, as the CLI prints it).
  const lines = traceText(path).trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('fate:'));
  const fate = at < 0 ? [] : lines.slice(at).filter((l) => !l.startsWith('warning:'));
  return (
    <div data-testid="trace-result">
      <ol className={styles.list}>
        {path.hops.map((h) => (
          <li key={h.index}>
            <button type="button" className={styles.hop} onClick={() => onSelect(h.bridgeElement)}>
              {h.bridge} table {h.table ?? 'set'}
              {h.priority === null ? '' : ` priority ${h.priority}`} {h.match && `${h.match} `}→{' '}
              {h.actions.join(',') || (h.kind === 'miss' ? 'no match' : 'drop')}
              {h.vlan !== h.vlanAfter && ` [VLAN ${vlan(h.vlan)} → ${vlan(h.vlanAfter)}]`}
            </button>
            {path.crossings
              .filter((c) => c.afterHop === h.index)
              .map((c) => (
                <div key={`${c.from.bridge}-${c.to.bridge}`} className={styles.note}>
                  {c.kind} {c.from.port ?? '?'} → {c.to.port ?? '?'}, {vlan(c.vlan)}
                </div>
              ))}
          </li>
        ))}
      </ol>
      <pre className={styles.hop} data-testid="trace-fate">
        {fate.join('\n')}
      </pre>
      {path.warnings.map((w) => (
        <p key={w} className={styles.note}>
          {w}
        </p>
      ))}
    </div>
  );
}

const vlan = (v: number | string) => (typeof v === 'number' ? `tagged ${v}` : v);
