import type { Edit } from '../changes/edits';
import type { HostModel } from '../model/schema';
import type { KnownHost, Relations } from '../relations/types';
import type { Devices } from './devices';
import type { L2Domains } from './l2-domains';

/** error: something is broken now; warning: breaks some traffic or will; info: worth a look. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem lint found on a host. */
export interface Finding {
  /** Rule id, kebab-case (see RULES). */
  rule: string;
  severity: Severity;
  /** Model ids of what the finding is about (bridge, port, interface, link, namespace, flow ids). */
  objects: string[];
  /** One line. */
  title: string;
  /** In the operator's words: what breaks and why. */
  explanation: string;
  /** Change-engine edits that repair it, only where the repair is not a guess. */
  fix?: Edit[];
}

/** What every rule reads: the model and what was derived from it once. */
export interface LintContext {
  model: HostModel;
  relations: Relations;
  /** Hosts tunnels may point at; null when the caller named none (then no tunnel is "unknown"). */
  knownHosts: KnownHost[] | null;
  devices: Devices;
  l2: L2Domains;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line, for docs and the UI. */
  description: string;
  check: (ctx: LintContext) => Finding[];
}
