export { redact } from './redact';
export * from './schema';
export { type AuditEvent, AuditService } from './service';
export { SqlAuditStore } from './sql-store';
export type { AuditStore } from './store';
