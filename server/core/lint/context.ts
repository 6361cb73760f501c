import type { HostModel } from '../model/schema';
import { deriveRelations } from '../relations';
import type { KnownHost } from '../relations/types';
import { devicesOf } from './devices';
import { l2Domains } from './l2-domains';
import type { LintContext } from './types';

export interface LintOptions {
  /** Hosts tunnels may point at (addresses with or without prefix); without it no tunnel is "unknown". */
  knownHosts?: KnownHost[];
}

/** Derives relations, device lookups and L2 domains once for all rules. */
export function lintContext(model: HostModel, opts: LintOptions = {}): LintContext {
  const relations = deriveRelations(model, opts.knownHosts ?? []);
  const devices = devicesOf(model, relations);
  return {
    model,
    relations,
    knownHosts: opts.knownHosts ?? null,
    devices,
    l2: l2Domains(model, relations, devices),
  };
}
