import type { TextJump, TextPart } from './flow-text';
import styles from './inspector.module.css';

/** What a followable table reference needs: which tables have a section, and how to go there. */
export interface Jumps {
  known: ReadonlySet<string>;
  onJump: (key: string) => void;
}

/** A reference to a table: a button to its section, or plain text when the table has no flows. */
export function JumpButton({ jump, text, jumps }: { jump: TextJump; text: string; jumps: Jumps }) {
  if (!jumps.known.has(jump.key)) return <span title={`${jump.title} has no flows`}>{text}</span>;
  return (
    <button
      type="button"
      className={styles.jump}
      title={`Show ${jump.title}`}
      data-jump={jump.key}
      onClick={() => jumps.onJump(jump.key)}
    >
      {text}
    </button>
  );
}

/** A flow's text with its resubmits, goto_tables and ct(table=) as buttons to the table. */
export function JumpText({ parts, jumps }: { parts: readonly TextPart[]; jumps: Jumps }) {
  return (
    <>
      {parts.map((p, i) =>
        p.jump ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a text's parts never move; the index is their identity
          <JumpButton key={i} jump={p.jump} text={p.text} jumps={jumps} />
        ) : (
          p.text
        ),
      )}
    </>
  );
}
