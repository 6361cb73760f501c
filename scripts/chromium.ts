/**
 * Debian's Chromium, as Playwright and the graph bench launch it. Nothing downloads a browser;
 * the flags keep it from reaching for the network this machine does not have.
 */
export const CHROMIUM_PATH = process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
