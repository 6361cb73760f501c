import type { Flow } from '../model/schema';

/** A flow's table: by number, or by name when the bridge did not resolve it (table -1). */
export const tableKey = (f: Flow): string => (f.table >= 0 ? String(f.table) : `name:${f.tableName ?? ''}`);
