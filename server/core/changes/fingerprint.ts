import { topologyKey } from '../model/canonical';
import type { HostModel } from '../model/schema';

/**
 * FNV-1a, 64 bit, over the UTF-16 code units of `text` (as hash32 in identity.ts does), in four
 * 16-bit limbs so it needs neither BigInt nor Node's crypto. 16 hex digits.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // h *= 0x100000001b3 (= 2^40 + 0x1b3), modulo 2^64.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(h3)}${hex(h2)}${hex(h1)}${hex(h0)}`;
}

/**
 * The fingerprint a plan records of its base: FNV-1a 64 of the canonical topology JSON
 * (counters, ages and collectedAt removed; see canonical.ts). Two reads of an unchanged host
 * give the same fingerprint; apply refuses a plan whose base fingerprint moved.
 */
export function planFingerprint(model: HostModel): string {
  return `fnv1a64:${fnv1a64(topologyKey(model))}`;
}
