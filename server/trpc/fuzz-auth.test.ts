import { describe, expect, it } from 'vitest';
import { fuzzProcedures, procedures, VALID } from './fuzz-harness';

it('the fuzz files together cover every procedure', () => {
  expect(VALID.map(([p]) => p).sort()).toEqual(Object.keys(procedures).sort());
  const groups = new Set(Object.keys(procedures).map((p) => p.split('.')[0]));
  expect([...groups].sort()).toEqual([
    'audit',
    'auth',
    'changes',
    'hosts',
    'layout',
    'snapshots',
    'trace',
    'users',
  ]);
});

describe('accounts', () => fuzzProcedures(['auth', 'users', 'audit']));
