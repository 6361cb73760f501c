import { z } from 'zod';

// Browser-safe: the audit page renders these.

export const AuditOutcome = z.enum(['ok', 'denied', 'failed']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  /** User name; 'anonymous' before sign-in; 'cli:<os user>' for the command line. */
  actor: z.string(),
  role: z.string().nullable(),
  /** Client address as the server saw it. */
  source: z.string(),
  /** Dotted name, e.g. 'auth.login', 'hosts.update', 'users.add'. */
  action: z.string(),
  target: z.string().nullable(),
  outcome: AuditOutcome,
  /** What was asked, with every secret replaced by '[redacted]'; the error code on failure. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListInput = z.object({
  /** Entries older than this id (paging backwards from the newest). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
});
export type AuditListInput = z.input<typeof AuditListInput>;
