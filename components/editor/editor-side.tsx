'use client';
import { useCallback, useEffect, useState } from 'react';
import { Inspector, type InspectorProps } from '@/components/inspector/inspector';
import type { Flow } from '@/server/core/model';
import { flowDeleteEdit, type Target } from './actions';
import { EditSelection } from './edit-selection';
import styles from './editor.module.css';
import { EditorPanel, type EditorPanelProps } from './editor-panel';

export interface EditorSideProps {
  /** The inspector over the host as the pending edits leave it. */
  inspector: Omit<InspectorProps, 'edit'>;
  panel: EditorPanelProps;
  target: Target;
  targetLabel: string | null;
  namespaces: string[];
  /** An action picked elsewhere (the node's context menu): its form opens with the cursor in it. */
  request: { id: string; nonce: number } | null;
}

/**
 * Edit mode's side: the inspector of the selection turned into a form (its actions under its
 * title, a delete button on each row of a bridge's flow table), and below it the pending edits,
 * review and apply.
 */
export function EditorSide(p: EditorSideProps) {
  const { dispatch } = p.panel;
  // The picked action belongs to its selection: a new selection opens on its own first action.
  const [choice, setChoice] = useState<{ target: string | null; id: string; focus: boolean } | null>(null);
  const current = choice?.target === p.targetLabel ? choice : null;
  const { request, targetLabel } = p;
  // Only a new request (its nonce) opens a form; the selection it came with is already set.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the request alone.
  useEffect(() => {
    if (request) setChoice({ target: targetLabel, id: request.id, focus: true });
  }, [request]);
  // The cursor goes to a form once (its own effect runs first): selecting the node again later
  // must not pull the keys away from the graph.
  useEffect(() => {
    if (choice?.focus) setChoice({ ...choice, focus: false });
  }, [choice]);
  const add = useCallback((edit: unknown) => dispatch({ type: 'add', edit }), [dispatch]);
  const form = (
    <EditSelection
      target={p.target}
      targetLabel={p.targetLabel}
      hostName={p.panel.hostName}
      namespaces={p.namespaces}
      onAdd={add}
      actionId={current?.id}
      onPick={(id) => setChoice({ target: p.targetLabel, id, focus: false })}
      focus={current?.focus ?? false}
    />
  );
  return (
    <div className={styles.side} data-testid="editor">
      <Inspector
        {...p.inspector}
        edit={{
          form,
          onDeleteFlow: (bridge: string, flow: Flow) => add(flowDeleteEdit(bridge, flow)),
          onAddFlow: () => setChoice({ target: p.targetLabel, id: 'add-flow', focus: true }),
        }}
      />
      <EditorPanel {...p.panel} />
    </div>
  );
}
