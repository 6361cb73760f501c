import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('hosts and changes', () => fuzzProcedures(['changes', 'hosts']));
