import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const dir = mkdtempSync(join(tmpdir(), 'pb-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SecretBox', () => {
  it('creates a 0600 key file once and reuses it', () => {
    const a = SecretBox.openOrCreate(dir);
    const file = join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file);
    const b = SecretBox.openOrCreate(dir);
    expect(readFileSync(file)).toEqual(key);
    expect(b.open(a.seal('hunter2'))).toBe('hunter2');
  });
  it('does not leak plaintext and uses a fresh IV each time', () => {
    const box = SecretBox.fromKey(Buffer.alloc(32, 7));
    const x = box.seal('hunter2');
    expect(x).not.toContain('hunter2');
    expect(box.seal('hunter2')).not.toBe(x);
  });
  it('refuses tampered data and wrong keys', () => {
    const box = SecretBox.fromKey(Buffer.alloc(32, 7));
    const sealed = box.seal('hunter2');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xxxxxxx').toString('base64');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => SecretBox.fromKey(Buffer.alloc(32, 8)).open(sealed)).toThrow();
  });
});
