import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('snapshots, share links and layouts (2)', () =>
  fuzzProcedures(['snapshots', 'layout'], { index: 1, of: 2 }));
