import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('snapshots, share links and layouts (1)', () =>
  fuzzProcedures(['snapshots', 'layout'], { index: 0, of: 2 }));
