import { applyEdits } from '@/server/core/changes/apply-edits';
import { diffModels } from '@/server/core/changes/diff';
import type { EditError } from '@/server/core/changes/edits';
import { planElements } from '@/server/core/changes/elements';
import { type GraphElement, pendingOverlay, toElements } from '@/server/core/graph';
import type { HostModel } from '@/server/core/model';

export interface DesiredView {
  /** The host after the edits that apply (the live model when there are none). */
  model: HostModel;
  /** The overlay: desired graph with added/changed marks, removed elements kept where they were. */
  elements: GraphElement[];
  /** Errors of the first refused edit (and any after it), naming edit index and field. */
  errors: EditError[];
  /** How many edits, from the first, apply cleanly and are drawn. */
  valid: number;
}

/**
 * What the host would look like after the pending edits, computed in the browser with the same
 * pure engine the server plans with: edits up to the first refused one are drawn; the refused one
 * and those after it are listed with their errors.
 */
export function desiredView(live: HostModel, liveElements: GraphElement[], edits: unknown[]): DesiredView {
  if (edits.length === 0) return { model: live, elements: liveElements, errors: [], valid: 0 };
  const all = applyEdits(live, edits);
  const errors = all.ok ? [] : all.errors;
  const valid = all.ok ? edits.length : Math.min(...errors.map((e) => e.index));
  const applied = all.ok ? all : applyEdits(live, edits.slice(0, valid));
  if (!applied.ok || valid === 0) return { model: live, elements: liveElements, errors, valid: 0 };
  // The overlay needs what changed, not a whole plan (no fingerprints, no commands).
  const marks = planElements(live.host, diffModels(live, applied.desired));
  return {
    model: applied.desired,
    elements: pendingOverlay(liveElements, toElements([applied.desired]), marks),
    errors,
    valid,
  };
}
