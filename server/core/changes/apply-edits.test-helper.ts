import { expect } from 'vitest';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { applyEdits } from './apply-edits';
import { diffModels } from './diff';
import type { EditError } from './edits';
import type { ModelDiff } from './types';

/** Test-only: models of the real captured lab hosts. */
const cache = new Map<string, HostModel>();
export function labModel(name: 'aio' | 'kvm'): HostModel {
  const file = name === 'aio' ? 'lab-openstack-aio.v2.collect.txt' : 'lab-kvm.collect.txt';
  let model = cache.get(file);
  if (!model) {
    model = parseCollection(fixture(file), { host: name, collectedAt: '2024-05-01T00:00:00.000Z' });
    cache.set(file, model);
  }
  return structuredClone(model);
}

/** A diff as sorted ids, with the changed fields: what a test compares. */
export interface DiffSummary {
  added: string[];
  removed: string[];
  changed: Record<string, string[]>;
}
export function summarize(diff: ModelDiff): DiffSummary {
  return {
    added: diff.added.map((o) => o.id).sort(),
    removed: diff.removed.map((o) => o.id).sort(),
    changed: Object.fromEntries(
      diff.changed
        .map((c) => [c.after.id, c.fields.map((f) => f.field)] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  };
}

/** Applies edits that must be accepted; returns the desired model and its diff from `model`. */
export function accepted(model: HostModel, edits: unknown[]) {
  const before = JSON.stringify(model);
  const result = applyEdits(model, edits);
  if (!result.ok) expect.fail(`refused: ${JSON.stringify(result.errors, null, 2)}`);
  expect(JSON.stringify(model), 'applyEdits must not modify its input').toBe(before);
  const diff = diffModels(model, result.desired);
  return { desired: result.desired, diff, summary: summarize(diff), edits: result.edits };
}

/** Applies edits that must be refused; returns the errors. */
export function refused(model: HostModel, edits: unknown[]): EditError[] {
  const result = applyEdits(model, edits);
  if (result.ok) expect.fail(`accepted, expected a refusal: ${JSON.stringify(edits)}`);
  return result.errors;
}

/** The one error of a refusal, checked to name the edit index and field. */
export function refusedWith(
  model: HostModel,
  edits: unknown[],
  index: number,
  field: string | null,
): EditError {
  const errors = refused(model, edits);
  const hit = errors.find((e) => e.index === index && e.field === field);
  if (!hit) expect.fail(`no error for edit ${index} field ${field}: ${JSON.stringify(errors, null, 2)}`);
  return hit;
}
