'use client';
import { type ReactNode, useMemo } from 'react';
import type { GraphElement } from '@/server/core/graph';
import type { Flow, HostModel } from '@/server/core/model';
import { BelongsTo } from './belongs-to';
import { BridgeDetails } from './bridge-details';
import { Connections, EdgeDetails, indexElements } from './connections';
import styles from './inspector.module.css';
import { KvTable } from './kv-table';
import { LinkDetails } from './link-details';
import { lookup, representedLinks } from './lookup';
import { NamespaceDetails } from './namespace-details';
import { InterfaceDetails, PortDetails } from './port-details';

export interface InspectorProps {
  models: ReadonlyMap<string, HostModel>;
  /** Full (uncollapsed) elements. */
  elements: GraphElement[];
  selectedId: string | null;
  collapsed: ReadonlySet<string>;
  onSelect: (id: string | null) => void;
  onToggleCollapse: (id: string) => void;
  /** Edit mode: the inspector becomes a form (see components/editor/editor-side.tsx). */
  edit?: InspectorEdit;
  /** What the view adds about the selection (its lint findings), under its title. */
  extra?: ReactNode;
}

export interface InspectorEdit {
  /** The selection's edit forms, shown under its title. */
  form: ReactNode;
  onDeleteFlow: (bridge: string, flow: Flow) => void;
  onAddFlow: (bridge: string) => void;
}

/** Side panel: everything the model knows about the selected element. */
export function Inspector(props: InspectorProps) {
  const { models, elements, selectedId, collapsed, onSelect, onToggleCollapse, edit, extra } = props;
  const index = useMemo(() => indexElements(elements), [elements]);
  if (!selectedId) {
    return (
      <div className={styles.panel}>
        {edit?.form}
        <div className={styles.empty}>
          Select a bridge, port, namespace or link to {edit ? 'edit' : 'inspect'} it. Double-click a container
          to collapse or expand it.
        </div>
      </div>
    );
  }
  const edge = index.edges.find((e) => e.data.id === selectedId);
  if (edge) {
    return (
      <div className={styles.panel} data-testid="inspector">
        <EdgeDetails index={index} edge={edge} onSelect={onSelect} />
      </div>
    );
  }
  const node = index.nodes.get(selectedId);
  if (!node) {
    return (
      <div className={styles.panel} data-testid="inspector">
        <div className={styles.empty}>
          {selectedId} is not in the current graph (it may have disappeared on refresh).
        </div>
      </div>
    );
  }
  const model = models.get(node.data.host);
  const obj = model && node.data.modelId ? lookup(model, node.data.modelId) : null;
  const isContainer = (node.data.childCount ?? 0) > 0;
  return (
    <div className={styles.panel} data-testid="inspector">
      <h2>{node.data.label.split('\n')[0]}</h2>
      <div className={styles.sub}>
        {node.data.kind} on host {node.data.host}
        {isContainer && (
          <>
            {' · '}
            <button type="button" className={styles.button} onClick={() => onToggleCollapse(node.data.id)}>
              {collapsed.has(node.data.id) ? 'Expand' : 'Collapse'} ({node.data.childCount})
            </button>
          </>
        )}
      </div>
      {node.data.error && <div className={styles.error}>{node.data.error}</div>}
      {extra}
      {edit?.form}
      {node.data.kind === 'host' && model && (
        <>
          <KvTable
            rows={[
              ['hostname', model.hostname],
              ['collected at', model.collectedAt],
              ['OVS version', model.ovs?.system.ovsVersion ?? (model.ovs ? 'unknown' : 'OVS not read')],
              ['bridges', model.ovs?.bridges.length ?? 0],
              ['namespaces', model.namespaces.length],
            ]}
          />
          {model.errors.length > 0 && <h3>Parts that could not be read</h3>}
          {model.errors.map((e) => (
            <div key={`${e.part}/${e.arg ?? ''}`} className={styles.error}>
              {e.part}
              {e.arg ? ` ${e.arg}` : ''}: {e.message}
            </div>
          ))}
        </>
      )}
      {model && obj?.kind === 'bridge' && (
        <BridgeDetails
          model={model}
          bridge={obj.bridge}
          {...(edit
            ? {
                edit: {
                  onDelete: (flow: Flow) => edit.onDeleteFlow(obj.bridge.name, flow),
                  onAdd: () => edit.onAddFlow(obj.bridge.name),
                },
              }
            : {})}
        />
      )}
      {model && obj?.kind === 'port' && (
        <PortDetails
          model={model}
          port={obj.port}
          interfaces={obj.interfaces}
          bridge={obj.bridge}
          links={representedLinks(model, node.data.represents)}
        />
      )}
      {obj?.kind === 'iface' && <InterfaceDetails iface={obj.iface} />}
      {obj?.kind === 'namespace' && model && <NamespaceDetails model={model} ns={obj.ns} />}
      {obj?.kind === 'link' && (
        <>
          <div className={styles.sub}>
            in {obj.ns.isRoot ? 'the root namespace' : `namespace ${obj.ns.name}`}
          </div>
          {model && <BelongsTo model={model} of={[obj.link.id]} />}
          <LinkDetails link={obj.link} model={model ?? undefined} />
        </>
      )}
      <Connections index={index} node={node} onSelect={onSelect} />
    </div>
  );
}
