export { PgliteAuditStore } from './pglite-store';
export { redact } from './redact';
export * from './schema';
export { type AuditEvent, AuditService } from './service';
export type { AuditStore } from './store';
