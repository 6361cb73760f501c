'use client';
import { useEffect, useRef, useState } from 'react';
import { Edit } from '@/server/core/changes/edits';
import type { Action } from './actions';
import styles from './editor.module.css';

const initialValues = (a: Action) => Object.fromEntries(a.fields.map((f) => [f.name, f.initial ?? '']));

/**
 * One editor action as a form. The edit it builds is checked as you type with the engine's own
 * schema (the API's): each problem names its field. Adding it puts it at the end of the pending
 * list, where the model checks (the bridge exists, the name is free, …) run.
 */
export function EditForm({
  action,
  onAdd,
  autoFocus = false,
}: {
  action: Action;
  onAdd: (edit: unknown) => void;
  autoFocus?: boolean;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(action));
  const [touched, setTouched] = useState(false);
  const edit = action.build(values);
  const parsed = Edit.safeParse(edit);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'edit'}: ${i.message}`);
  const id = (f: string) => `edit-${action.id}-${f}`;
  // Opened by a click elsewhere (the flow table's "Add flow…"): the cursor goes to the form.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (autoFocus) form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [autoFocus]);
  return (
    <form
      ref={form}
      className={styles.section}
      aria-label={action.title}
      data-testid={`form-${action.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!parsed.success) return;
        onAdd(edit);
        setValues(initialValues(action));
        setTouched(false);
      }}
    >
      <h3>{action.title}</h3>
      <div className={styles.form}>
        {action.fields.map((f) => (
          <FieldInput
            key={f.name}
            id={id(f.name)}
            field={f}
            value={values[f.name] ?? ''}
            onChange={(v) => {
              setTouched(true);
              setValues((old) => ({ ...old, [f.name]: v }));
            }}
          />
        ))}
      </div>
      {touched && problems.length > 0 && (
        <ul className={`${styles.list} ${styles.error}`} role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        <button type="submit" disabled={touched && !parsed.success}>
          Add to pending
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: Action['fields'][number];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'select' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o === '' ? '—' : o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'number' ? 'number' : 'text'}
          value={value}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </>
  );
}
