import { redact, storable } from './redact';
import type { AuditEntry, AuditListInput, AuditOutcome } from './schema';
import type { AuditStore } from './store';

export interface AuditEvent {
  actor: string;
  role: string | null;
  source: string;
  action: string;
  target?: string | null | undefined;
  outcome: AuditOutcome;
  /** Redacted here, whatever the caller passes. */
  detail?: unknown;
}

/** Who did what, when, from where: appended by the tRPC layer and the CLI, read by admins. */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  async record(e: AuditEvent): Promise<void> {
    const detail = redact(e.detail ?? {});
    await this.store.append({
      actor: e.actor,
      role: e.role,
      source: e.source,
      action: e.action,
      target: e.target == null ? null : storable(e.target),
      outcome: e.outcome,
      detail:
        detail && typeof detail === 'object' && !Array.isArray(detail)
          ? (detail as Record<string, unknown>)
          : { value: detail },
    });
  }

  list(query: AuditListInput): Promise<AuditEntry[]> {
    return this.store.list(query);
  }

  /** The whole log as JSON lines, oldest first, streamed page by page. */
  async *exportLines(pageSize = 1000): AsyncGenerator<string> {
    let after = 0;
    for (;;) {
      const page = await this.store.scan(after, pageSize);
      for (const entry of page) yield `${JSON.stringify(entry)}\n`;
      if (page.length < pageSize) return;
      after = (page[page.length - 1] as AuditEntry).id;
    }
  }
}
