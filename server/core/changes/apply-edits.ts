import type { z } from 'zod';
import type { HostModel } from '../model/schema';
import { ApplyContext } from './apply-edits/context';
import { draftOf } from './apply-edits/draft';
import { addFlow, deleteFlow } from './apply-edits/flows';
import { addAddress, addRoute, deleteAddress, deleteRoute } from './apply-edits/ip';
import { addNamespace, addVeth, deleteLink, deleteNamespace, moveLink, setLink } from './apply-edits/kernel';
import {
  addBridge,
  addPatch,
  addPort,
  deleteBridge,
  deletePort,
  setInterface,
  setPort,
} from './apply-edits/ovs';
import { Edit, type EditError, type EditOf, type EditOp } from './edits';

export type ApplyEditsResult =
  | { ok: true; desired: HostModel; edits: Edit[] }
  | { ok: false; errors: EditError[] };

/** At most this many edits in one call (as in a changes file). */
export const MAX_EDITS = 5000;

/** Every op of the vocabulary, in schema order. */
export const EDIT_OPS: readonly string[] = Edit.options.map((o) => o.shape.op.value);

const fieldsOf = (op: string): string[] => {
  const schema = Edit.options.find((o) => o.shape.op.value === op);
  return schema ? Object.keys(schema.shape) : [];
};

/** A short, printable rendering of an input value for messages (inputs may be hostile). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what is being removed
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const key of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

function schemaErrors(index: number, raw: unknown, issues: z.core.$ZodIssue[]): EditError[] {
  const rawOp =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { op?: unknown }).op : undefined;
  const op = typeof rawOp === 'string' && EDIT_OPS.includes(rawOp) ? rawOp : null;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return [
      {
        index,
        op: null,
        field: null,
        message: `an edit is an object with an op (one of: ${EDIT_OPS.join(', ')})`,
      },
    ];
  if (op === null) {
    const message =
      rawOp === undefined
        ? `the edit has no op (one of: ${EDIT_OPS.join(', ')})`
        : `unknown op ${shown(rawOp)} (ops: ${EDIT_OPS.join(', ')})`;
    return [{ index, op: null, field: 'op', message }];
  }
  const out: EditError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...path, key].join('.');
        const known = path.length === 0 ? ` (fields of ${op}: ${fieldsOf(op).join(', ')})` : '';
        out.push({ index, op, field, message: `unknown field ${shown(key)}${known}` });
      }
      continue;
    }
    const value = valueAt(raw, issue.path);
    // Name the refused value (made printable) so the message stands alone: `"a;b" (3 bytes): at most 15 of …`.
    const message =
      typeof value === 'string'
        ? `${JSON.stringify(shown(value))}${issue.code === 'invalid_format' ? ` (${utf8Bytes(value)} bytes)` : ''}: ${issue.message}`
        : typeof value === 'number' || typeof value === 'boolean'
          ? `${value}: ${issue.message}`
          : issue.message;
    out.push({ index, op, field: path.length === 0 ? null : path.join('.'), message });
  }
  return out;
}

type Handler<O extends EditOp> = (ctx: ApplyContext, edit: EditOf<O>) => void;

/** One handler per op: it checks the edit against the model so far and, when it passes, changes it. */
const HANDLERS: { [O in EditOp]: Handler<O> } = {
  'add-bridge': addBridge,
  'delete-bridge': deleteBridge,
  'add-port': addPort,
  'delete-port': deletePort,
  'set-port': setPort,
  'add-patch': addPatch,
  'set-interface': setInterface,
  'add-flow': addFlow,
  'delete-flow': deleteFlow,
  'add-namespace': addNamespace,
  'delete-namespace': deleteNamespace,
  'add-veth': addVeth,
  'move-link': moveLink,
  'set-link': setLink,
  'delete-link': deleteLink,
  'add-address': addAddress,
  'delete-address': deleteAddress,
  'add-route': addRoute,
  'delete-route': deleteRoute,
};

function applyOne(ctx: ApplyContext, edit: Edit): void {
  (HANDLERS[edit.op] as Handler<EditOp>)(ctx, edit as EditOf<EditOp>);
}

/**
 * Applies `edits` in order to a copy of `current` and returns the desired model, or every problem
 * found. Each edit is checked against its schema, then against the model as changed by the edits
 * before it (the bridge exists, the name is free, the gateway is on-link, …); an edit with a
 * problem is skipped and checking goes on, so one call reports all problems. Pure: `current` is
 * not modified.
 */
export function applyEdits(current: HostModel, edits: unknown[]): ApplyEditsResult {
  if (!Array.isArray(edits))
    return { ok: false, errors: [{ index: -1, op: null, field: null, message: 'edits must be a list' }] };
  if (edits.length > MAX_EDITS)
    return {
      ok: false,
      errors: [
        {
          index: -1,
          op: null,
          field: null,
          message: `${edits.length} edits; at most ${MAX_EDITS} fit in one change`,
        },
      ],
    };
  const errors: EditError[] = [];
  const parsed: (Edit | null)[] = edits.map((raw, index) => {
    const result = Edit.safeParse(raw);
    if (result.success) return result.data;
    errors.push(...schemaErrors(index, raw, result.error.issues));
    return null;
  });

  const ctx = new ApplyContext(draftOf(current));
  parsed.forEach((edit, index) => {
    if (!edit) return;
    ctx.begin(index, edit);
    try {
      applyOne(ctx, edit);
    } catch (e) {
      // Last guard: a bug in one check must refuse the change, never throw out of the engine.
      ctx.fail(null, `internal error while checking this edit: ${(e as Error).message}`);
    }
  });
  errors.push(...ctx.errors);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.index - b.index) };
  return { ok: true, desired: ctx.model, edits: parsed.filter((e): e is Edit => e !== null) };
}
