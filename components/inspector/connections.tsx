import type { GraphEdge, GraphElement, GraphNode } from '@/server/core/graph';
import { isEdge, isNode } from '@/server/core/graph';
import styles from './inspector.module.css';

export interface Indexed {
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
}

export function indexElements(elements: GraphElement[]): Indexed {
  return {
    nodes: new Map(elements.filter(isNode).map((n) => [n.data.id, n])),
    edges: elements.filter(isEdge),
  };
}

const endLabel = (n: GraphNode | undefined, id: string, host: string): string =>
  n ? `${n.data.label.split('\n')[0]}${n.data.host !== host ? ` @ ${n.data.host}` : ''}` : id;

/** Patch peers, veth peers, backing devices and tunnel remotes of a node; each one clickable. */
export function Connections(props: { index: Indexed; node: GraphNode; onSelect: (id: string) => void }) {
  const { index, node, onSelect } = props;
  const touching = index.edges.filter(
    (e) => e.data.source === node.data.id || e.data.target === node.data.id,
  );
  if (touching.length === 0) return null;
  return (
    <>
      <h3>Connections</h3>
      <table className={styles.table}>
        <tbody>
          {touching.map((e) => {
            const other = e.data.source === node.data.id ? e.data.target : e.data.source;
            return (
              <tr key={e.data.id} className={e.data.error ? styles.touch : undefined}>
                <td>{e.data.kind}</td>
                <td>
                  <button type="button" className={styles.button} onClick={() => onSelect(other)}>
                    {endLabel(index.nodes.get(other), other, node.data.host)}
                  </button>
                </td>
                <td>{e.data.label && e.data.label !== e.data.kind ? e.data.label : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** A selected edge: its kind and both ends, with the tunnel's remote and the host owning it. */
export function EdgeDetails(props: { index: Indexed; edge: GraphEdge; onSelect: (id: string) => void }) {
  const { index, edge, onSelect } = props;
  const ends = [edge.data.source, edge.data.target];
  return (
    <>
      <h2>{edge.data.kind} link</h2>
      {edge.data.error && (
        <div className={styles.error}>
          {edge.data.error === 'dangling' ? 'The peer does not exist.' : edge.data.error}
        </div>
      )}
      {edge.data.label && <div className={styles.sub}>{edge.data.label}</div>}
      <h3>Ends</h3>
      <table className={styles.table}>
        <tbody>
          {ends.map((id) => {
            const n = index.nodes.get(id);
            return (
              <tr key={id}>
                <td>{n?.data.kind ?? '?'}</td>
                <td>
                  <button type="button" className={styles.button} onClick={() => onSelect(id)}>
                    {n ? n.data.label.split('\n')[0] : id}
                  </button>
                </td>
                <td>host {n?.data.host ?? '?'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {edge.data.count && edge.data.count > 1 && (
        <div className={styles.sub}>{edge.data.count} relations (collapsed)</div>
      )}
    </>
  );
}
