import { describe, expect, it } from 'vitest';
import { fixture, ovsOf } from '@/server/core/trace/fixtures.test-helper';
import { explainFailure, type TraceFailure } from './explain';

const base: TraceFailure = {
  host: 'openstack-aio',
  user: 'root',
  bridge: 'br-int',
  inPort: 'qvo3c4d5e6f-7a',
  code: 2,
  stderr: '',
  ovs: ovsOf('openstack-aio'),
};
const explain = (f: Partial<TraceFailure>) => {
  const e = explainFailure({ ...base, ...f });
  return `${e.code}: ${e.message}`;
};

describe('explainFailure', () => {
  it('an unknown bridge, naming the bridges there are', () => {
    expect(explain({ bridge: 'br-nope', stderr: fixture('aio-nobridge.stderr.txt') })).toBe(
      'BRIDGE_NOT_FOUND: bridge br-nope does not exist on openstack-aio (its bridges: br-ex, br-int)',
    );
  });

  it('an unknown port, naming the bridge’s ports', () => {
    expect(explain({ inPort: 'nope', stderr: fixture('aio-badport.stderr.txt') })).toBe(
      'BAD_FLOW: port nope is not on bridge br-int of openstack-aio (its ports: br-int, int-br-ex, qr-5f3a1c2e-4b, qvo3c4d5e6f-7a, qvo9e8d7c6b-5a, tap7d2e9b1a-0c)',
    );
  });

  it('another flow OVS refuses, in its words', () => {
    expect(explain({ stderr: fixture('aio-badfield.stderr.txt') })).toBe(
      'BAD_FLOW: Open vSwitch on openstack-aio refused the flow: in_port=qvo3c4d5e6f-7a,nw_src=192.0.2.1: prerequisites not met for setting nw_src',
    );
  });

  it('no ovs-appctl, no permission, no daemon', () => {
    expect(explain({ code: 127, stderr: 'sh: 1: ovs-appctl: not found' })).toBe(
      'OVS_MISSING: ovs-appctl is not installed on openstack-aio (or not on the PATH of root): install Open vSwitch there, or trace on the host that runs the bridge',
    );
    // As the lab's pbuser gets it (exit status 1).
    const denied = `2026-12-01T04:46:48Z|00001|daemon_unix|WARN|/var/run/openvswitch/ovs-vswitchd.pid: open: Permission denied
ovs-appctl: cannot read pidfile "/var/run/openvswitch/ovs-vswitchd.pid" (Permission denied)`;
    expect(explain({ user: 'pbuser', code: 1, stderr: denied })).toBe(
      'PERMISSION_DENIED: pbuser may not talk to ovs-vswitchd on openstack-aio (ovs-appctl: cannot read pidfile "/var/run/openvswitch/ovs-vswitchd.pid" (Permission denied)): connect as root, or turn on sudo for this host (pbuser needs passwordless sudo)',
    );
    expect(
      explain({
        code: 1,
        stderr:
          'ovs-appctl: cannot read pidfile "/var/run/openvswitch/ovs-vswitchd.pid" (No such file or directory)',
      }),
    ).toBe(
      'OVS_NOT_RUNNING: ovs-vswitchd is not running on openstack-aio: ovs-appctl: cannot read pidfile "/var/run/openvswitch/ovs-vswitchd.pid" (No such file or directory)',
    );
    expect(explain({ code: 1, stderr: 'something else' })).toBe(
      'TRACE_FAILED: ovs-appctl ofproto/trace failed on openstack-aio: something else',
    );
  });
});
