import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('hosts, changes and traces (1)', () =>
  fuzzProcedures(['changes', 'hosts', 'trace'], { index: 0, of: 2 }));
