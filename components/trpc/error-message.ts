/** What zod's flattenError gives, on the client and in the server's error `data.validation`. */
export interface FlatIssues {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

/** "Password: at least 10 characters; User name: …", with the form's own labels for field names. */
export function issuesText(flat: FlatIssues, labels: Record<string, string> = {}): string {
  const fields = Object.entries(flat.fieldErrors).flatMap(([field, messages]) =>
    (messages ?? []).map((m) => `${labels[field] ?? field}: ${m}`),
  );
  return [...flat.formErrors, ...fields].join('; ');
}

/**
 * The message to show for a failed call. The server's messages are written for the person at the
 * screen (server/trpc/init.ts); a validation failure carries its issues in `data.validation`,
 * whose message alone would be a JSON dump.
 */
export function errorMessage(error: unknown, labels: Record<string, string> = {}): string {
  if (!error) return '';
  const validation = (error as { data?: { validation?: FlatIssues | null } }).data?.validation;
  const text = validation ? issuesText(validation, labels) : '';
  if (text) return text;
  return error instanceof Error ? error.message : String(error);
}
