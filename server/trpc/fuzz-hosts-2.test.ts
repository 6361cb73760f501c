import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('hosts, changes and traces (2)', () =>
  fuzzProcedures(['changes', 'hosts', 'trace'], { index: 1, of: 2 }));
