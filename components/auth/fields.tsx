import { PASSWORD_MIN } from '@/server/auth/schema';
import styles from './auth.module.css';

// The fields every account form shares, so sign-in, setup, password change and "add user" label,
// autocomplete and explain them alike (password managers rely on the autocomplete tokens).

export function UserNameField({
  label = 'User name',
  placeholder,
}: {
  label?: string;
  placeholder?: string;
}) {
  return (
    <label>
      {label}
      <input
        name="name"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        placeholder={placeholder}
      />
    </label>
  );
}

/** A password being chosen; `repeat` adds a second field (name `repeat`) to catch typos. */
export function NewPasswordFields(props: { name: string; label: string; repeat?: string }) {
  return (
    <>
      <label>
        {props.label}
        <input
          name={props.name}
          type="password"
          autoComplete="new-password"
          required
          placeholder={`at least ${PASSWORD_MIN} characters`}
        />
      </label>
      {props.repeat && (
        <label>
          {props.repeat}
          <input name="repeat" type="password" autoComplete="new-password" required />
        </label>
      )}
    </>
  );
}

export function FormError({ error, testId }: { error: string; testId?: string }) {
  if (!error) return null;
  return (
    <div className={styles.error} role="alert" data-testid={testId}>
      {error}
    </div>
  );
}
