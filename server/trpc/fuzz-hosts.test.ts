import { describe } from 'vitest';
import { fuzzProcedures } from './fuzz-harness';

describe('hosts, changes and traces', () => fuzzProcedures(['changes', 'hosts', 'trace']));
