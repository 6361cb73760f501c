/**
 * Patchbay's version, written into every snapshot file so a reader knows what produced it. Kept
 * equal to package.json's by a unit test (server/core/version.test.ts); the browser bundle gets
 * this constant, not package.json.
 */
export const PATCHBAY_VERSION = '0.1.0';
