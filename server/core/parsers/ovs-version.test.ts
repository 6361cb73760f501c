import { describe, expect, it } from 'vitest';
import { parseOvsVersion } from './ovs-version';

describe('parseOvsVersion', () => {
  it.each([
    ['ovs-vswitchd (Open vSwitch) 3.1.0\n', '3.1.0'],
    ['ovs-vswitchd (Open vSwitch) 2.17.9', '2.17.9'],
    // Distribution builds: the upstream version, without the package suffix.
    ['ovs-vswitchd (Open vSwitch) 3.3.0-1ubuntu1\n', '3.3.0'],
    ['ovs-vswitchd (Open vSwitch) 3.2.90\n', '3.2.90'],
    // DPDK builds and older releases print more lines after the first.
    ['ovs-vswitchd (Open vSwitch) 2.13.8\nDPDK 19.11.14\n', '2.13.8'],
    ['ovs-vswitchd (Open vSwitch) 2.5.0\nCompiled Mar 10 2016 14:16:38\n', '2.5.0'],
  ])('reads %j as %s', (text, version) => {
    expect(parseOvsVersion(text)).toBe(version);
  });

  it.each([
    '',
    '\n',
    'sh: 1: ovs-vswitchd: not found\n',
    'ovs-vswitchd (Open vSwitch)\n',
    'ovs-vswitchd (Open vSwitch) unknown\n',
    'ovs-vswitchd (Open vSwitch) 3\n',
    'ovsdb-server (Open vSwitch) 3.1.0\n',
    'garbage ovs-vswitchd (Open vSwitch) 3.1.0\n',
    '\u0000\uffff'.repeat(1000),
  ])('returns null for %j', (text) => {
    expect(parseOvsVersion(text)).toBeNull();
  });
});
