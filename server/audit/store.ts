import type { AuditEntry, AuditListInput } from './schema';

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Append-only: there is deliberately no update or delete (the table's trigger refuses them too). */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<void>;
  list(query: AuditListInput): Promise<AuditEntry[]>;
  /** Every entry, oldest first, in pages (for the JSON-lines export). */
  scan(afterId: number, limit: number): Promise<AuditEntry[]>;
}
