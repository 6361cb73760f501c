import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('snapshots, share links and layouts', () => fuzzProcedures(['snapshots', 'layout']));
