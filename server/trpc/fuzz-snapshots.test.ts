import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('snapshots and share links', () => fuzzProcedures(['snapshots']));
