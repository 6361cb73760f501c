import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('replaces every secret field at any depth and keeps the rest', () => {
    const out = redact({
      name: 'aio',
      auth: { method: 'password', password: 'hunter2', passphrase: 'p', privateKey: '-----BEGIN' },
      token: 'x'.repeat(43),
      current: 'old',
      next: 'new-password',
      labels: ['a'],
    });
    expect(out).toEqual({
      name: 'aio',
      auth: {
        method: 'password',
        password: '[redacted]',
        passphrase: '[redacted]',
        privateKey: '[redacted]',
      },
      token: '[redacted]',
      current: '[redacted]',
      next: '[redacted]',
      labels: ['a'],
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|BEGIN|new-password/);
  });
  it('makes every string storable in jsonb (no NUL, no lone surrogate)', () => {
    expect(redact({ 'k\0': 'a\0b', s: '\ud800x' })).toEqual({ 'k\uFFFD': 'a\uFFFDb', s: '\uFFFDx' });
  });
  it('cuts long strings and deep nesting', () => {
    expect(String(redact('x'.repeat(10_000))).length).toBeLessThan(600);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redact(deep))).toContain('[deep]');
  });
});
