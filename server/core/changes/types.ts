import type { BundleVersion } from './commands-flow';

/**
 * Shapes shared by the structural diff, the planner and the executor (server/changes). Pure.
 */

/** The model objects a change can touch (and a snapshot comparison can report). */
export type ObjectKind =
  | 'bridge'
  | 'port'
  | 'interface'
  | 'flow'
  | 'namespace'
  | 'link'
  | 'address'
  | 'route'
  | 'rule';

/**
 * One model object reduced to what an operator sets: host-assigned fields (uuids, ofport,
 * ifindex, counters, states, link-local addresses, kernel-made routes) are left out, so two reads
 * of an unchanged host, and a desired model and the host after apply, project the same.
 */
export interface ModelObject {
  kind: ObjectKind;
  /** The model id (`port:br-int/p5`, `route:ns/main/inet/default`, …). */
  id: string;
  /** Short name for texts: `br-int/p5`, `qrouter-1 default`, … */
  label: string;
  /** Namespace name for kernel objects ('' = root), undefined for OVS objects. */
  namespace?: string;
  /** The projected fields, JSON-comparable. */
  fields: Record<string, unknown>;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The one structural diff: plans and snapshot comparisons both read it. */
export interface ModelDiff {
  added: ModelObject[];
  removed: ModelObject[];
  changed: { before: ModelObject; after: ModelObject; fields: FieldChange[] }[];
}

export type StepPhase = 'ovsdb' | 'flow' | 'kernel';
export type StepAction = 'add' | 'remove' | 'change';

/**
 * One step of a plan. `forward` and `inverse` are argument vectors, never shell text.
 * - ovsdb steps hold ovs-vsctl sub-commands WITHOUT the leading `ovs-vsctl` (e.g.
 *   `['add-port', 'br-int', 'p5']`); the executor joins every ovsdb step of a plan into ONE
 *   `ovs-vsctl -- a -- b …` transaction (all or nothing), and the inverses into another.
 * - flow and kernel steps hold whole commands (`['ovs-ofctl', 'add-flow', 'br-ex', '…']`,
 *   `['ip', '-n', 'ns1', 'link', 'set', 'dev', 'x', 'up']`), run one by one.
 */
export interface Step {
  /** Position in the plan (0-based, execution order). */
  n: number;
  phase: StepPhase;
  action: StepAction;
  object: { kind: ObjectKind; id: string };
  /** One line: `+ port br-int/p5 tag=5 internal`, `~ port br-int/jack tag 1 → 7`, `- flow …`. */
  text: string;
  forward: string[][];
  inverse: string[][];
  /**
   * Flow steps on a bridge that speaks OpenFlow 1.4+: the version the executor bundles this step
   * with its neighbours on the same bridge in (units.ts). Absent: the step runs on its own.
   */
  bundle?: BundleVersion;
}

export interface PlanWarning {
  code:
    | 'MANAGEMENT_PATH'
    | 'DELETES_BRIDGE_WITH_PORTS'
    | 'FLOW_NAMES_REMOVED_PORT'
    | 'DELETES_NAMESPACE_WITH_LINKS'
    | 'UNPLANNABLE'
    /** A step whose inverse cannot restore what it removes (a veth whose peer is unknown). */
    | 'IRREVERSIBLE';
  message: string;
  objects: string[];
}

export interface Plan {
  planVersion: 1;
  /** Inventory name of the host the plan was made for. */
  host: string;
  /** sha256-free FNV fingerprint of the base's canonical topology (see fingerprint.ts). */
  baseFingerprint: string;
  /**
   * scope.ts's fingerprint of the base within the parts holding the plan's objects: an apply
   * that reads only those parts tells from it whether anything else there moved. Absent in plans
   * saved before it existed.
   */
  scopeFingerprint?: string;
  steps: Step[];
  warnings: PlanWarning[];
  diff: ModelDiff;
  /** Graph element ids (server/core/graph ids) added, removed and changed: the editor's overlay. */
  elements: { added: string[]; removed: string[]; changed: string[] };
}
