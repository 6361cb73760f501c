import type { Finding, LintContext } from '../types';

/** iface-error: an OVS interface with an error, or that OVS could not add (ofport -1). */
export function ifaceError(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  // A broken patch pair has its own rule, which says more than the OVS error text.
  const dangling = new Set(
    ctx.relations.patchPairs
      .filter((p) => p.status === 'dangling')
      .flatMap((p) => (p.b ? [p.a, p.b] : [p.a])),
  );
  return [...d.ifaces.values()].flatMap((iface): Finding[] => {
    if (dangling.has(iface.id) || (iface.error === null && iface.ofport !== -1)) return [];
    const where = iface.bridge ? ` on ${iface.bridge}` : '';
    const why = iface.error ?? 'OVS could not add it (ofport -1)';
    return [
      {
        rule: 'iface-error',
        severity: 'error',
        objects: [iface.id, ...(iface.port ? [iface.port] : [])],
        title: `interface ${iface.name}${where}: ${why}`,
        explanation:
          `Open vSwitch keeps ${iface.name} in its database but could not make it work` +
          `${iface.error ? ` ("${iface.error}")` : ''}${iface.ofport === -1 ? ' and gave it no OpenFlow port (ofport -1)' : ''}, ` +
          'so no traffic passes through it and flows naming it match nothing. Usually the device ' +
          'it names does not exist (or was moved into a namespace OVS cannot see) or its options ' +
          'are wrong: fix the cause, or delete the port.',
      },
    ];
  });
}
