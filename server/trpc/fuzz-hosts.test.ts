import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('hosts', () => fuzzProcedures(['hosts']));
