/** Lengths of a snapshot's name and note: here, apart from the schemas, so the CLI's argument check loads no zod. */
export const MAX_NAME_LENGTH = 200;
export const MAX_NOTE_LENGTH = 10_000;
