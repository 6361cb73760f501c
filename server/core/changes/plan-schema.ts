import { z } from 'zod';
import { UNRESTORABLE } from './plan';
import type { Plan, StepPhase } from './types';

/**
 * A saved plan (`patchbay plan -o plan.json`) read back. Besides its shape, every command is
 * checked against what the planner emits — ovs-vsctl sub-commands without extra options,
 * `ovs-ofctl add-flow|del-flows|mod-flows`, `ip` link/addr/route/netns add|del, nothing else — so
 * a hand-edited file cannot smuggle in `ip netns exec`, `ip -batch`, `ovs-vsctl --db=…` or a
 * `--` that splits the OVSDB transaction. The executor still refuses a plan whose base
 * fingerprint moved.
 */

const ObjectKind = z.enum([
  'bridge',
  'port',
  'interface',
  'flow',
  'namespace',
  'link',
  'address',
  'route',
  'rule',
]);

const ModelObjectSchema = z.object({
  kind: ObjectKind,
  id: z.string(),
  label: z.string(),
  namespace: z.string().optional(),
  fields: z.record(z.string(), z.unknown()),
});

const FieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const ModelDiffSchema = z.object({
  added: z.array(ModelObjectSchema),
  removed: z.array(ModelObjectSchema),
  changed: z.array(
    z.object({ before: ModelObjectSchema, after: ModelObjectSchema, fields: z.array(FieldChangeSchema) }),
  ),
});

const Arg = z
  .string()
  // A flow spec holds a match and actions of up to 2,000 characters each (edits.ts).
  .max(16_384)
  .refine((a) => !a.includes('\0') && !a.includes('\n') && !a.includes('\r'), 'one line, no NUL');
const Argv = z.array(Arg).min(1).max(10_000);

const OVSDB_COMMANDS = new Set([
  'add-br',
  'del-br',
  'add-port',
  'del-port',
  'add-bond',
  'add-bond-iface',
  'del-bond-iface',
  'set',
  'clear',
  'remove',
  'set-controller',
]);
const OVSDB_OPTIONS = new Set(['--may-exist', '--if-exists']);
const OFCTL_VERBS = new Set(['add-flow', 'del-flows', 'mod-flows']);
const IP_VERBS: Record<string, Set<string>> = {
  netns: new Set(['add', 'del']),
  link: new Set(['add', 'del', 'set']),
  addr: new Set(['add', 'del']),
  route: new Set(['add', 'del', 'replace']),
  tuntap: new Set(['add', 'del']),
};

const noOption = (args: readonly string[]) => args.every((a) => !a.startsWith('-'));

/** Why `argv` is not a command the planner emits for `phase`; null when it is one. */
export function commandProblem(phase: StepPhase, argv: readonly string[], inverse: boolean): string | null {
  if (inverse && argv[0] === UNRESTORABLE)
    return argv.length === 2 ? null : `${UNRESTORABLE} takes one message`;
  if (phase === 'ovsdb') {
    let i = 0;
    while (OVSDB_OPTIONS.has(argv[i] ?? '')) i++;
    if (!OVSDB_COMMANDS.has(argv[i] ?? ''))
      return `not an ovs-vsctl sub-command the planner uses: ${argv[i] ?? '(none)'}`;
    return noOption(argv.slice(i + 1)) ? null : 'ovs-vsctl arguments may not start with "-"';
  }
  if (phase === 'flow') {
    if (argv[0] !== 'ovs-ofctl') return 'a flow step runs ovs-ofctl';
    let i = 1;
    if (argv[i] === '-O') {
      if (!/^OpenFlow1[0-5]$/.test(argv[i + 1] ?? '')) return 'ovs-ofctl -O takes an OpenFlow version';
      i += 2;
    }
    if (argv[i] === '--strict') i++;
    if (!OFCTL_VERBS.has(argv[i] ?? ''))
      return `not an ovs-ofctl command the planner uses: ${argv[i] ?? '(none)'}`;
    const rest = argv.slice(i + 1);
    return rest.length === 2 && noOption(rest) ? null : 'ovs-ofctl takes a bridge and one flow';
  }
  if (argv[0] !== 'ip') return 'a kernel step runs ip';
  let i = 1;
  for (;;) {
    if (argv[i] === '-n') {
      if ((argv[i + 1] ?? '-').startsWith('-')) return 'ip -n takes a namespace';
      i += 2;
    } else if (argv[i] === '-4' || argv[i] === '-6') i++;
    else break;
  }
  const verbs = IP_VERBS[argv[i] ?? ''];
  if (!verbs) return `not an ip object the planner uses: ${argv[i] ?? '(none)'}`;
  if (!verbs.has(argv[i + 1] ?? ''))
    return `not an ip ${argv[i]} command the planner uses: ${argv[i + 1] ?? '(none)'}`;
  const rest = argv.slice(i + 2);
  if (argv[i] === 'netns' && rest.length !== 1) return 'ip netns add/del takes one name';
  return noOption(rest) ? null : 'ip arguments may not start with "-"';
}

const StepSchema = z.object({
  n: z.number().int().min(0),
  phase: z.enum(['ovsdb', 'flow', 'kernel']),
  action: z.enum(['add', 'remove', 'change']),
  object: z.object({ kind: ObjectKind, id: z.string() }),
  text: z.string(),
  forward: z.array(Argv).min(1),
  inverse: z.array(Argv),
  bundle: z.enum(['OpenFlow14', 'OpenFlow15']).optional(),
});

const PlanWarningSchema = z.object({
  code: z.enum([
    'MANAGEMENT_PATH',
    'DELETES_BRIDGE_WITH_PORTS',
    'FLOW_NAMES_REMOVED_PORT',
    'DELETES_NAMESPACE_WITH_LINKS',
    'UNPLANNABLE',
    'IRREVERSIBLE',
  ]),
  message: z.string(),
  objects: z.array(z.string()),
});

export const PlanSchema = z
  .object({
    planVersion: z.literal(1),
    host: z.string().min(1),
    baseFingerprint: z.string().regex(/^fnv1a64:[0-9a-f]{16}$/, 'fnv1a64:<16 hex digits>'),
    scopeFingerprint: z
      .string()
      .regex(/^fnv1a64:[0-9a-f]{16}$/, 'fnv1a64:<16 hex digits>')
      .optional(),
    steps: z.array(StepSchema),
    warnings: z.array(PlanWarningSchema),
    diff: ModelDiffSchema,
    elements: z.object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(z.string()),
    }),
  })
  .superRefine((plan, ctx) => {
    plan.steps.forEach((step, s) => {
      if (step.n !== s)
        ctx.addIssue({ code: 'custom', path: ['steps', s, 'n'], message: `step ${s} is numbered ${step.n}` });
      if (step.bundle && step.phase !== 'flow')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', s, 'bundle'],
          message: 'only flow steps are bundled',
        });
      for (const dir of ['forward', 'inverse'] as const) {
        step[dir].forEach((argv, c) => {
          const problem = commandProblem(step.phase, argv, dir === 'inverse');
          if (problem) ctx.addIssue({ code: 'custom', path: ['steps', s, dir, c], message: problem });
        });
      }
    });
    // The OVSDB steps run as one transaction: they must be consecutive.
    const ovsdb = plan.steps.filter((st) => st.phase === 'ovsdb').map((st) => st.n);
    if (ovsdb.length > 0 && (ovsdb.at(-1) ?? 0) - (ovsdb[0] ?? 0) !== ovsdb.length - 1)
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'the OVSDB steps of a plan must be consecutive',
      });
  });

// The schema and the Plan type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _planShape: Same<z.infer<typeof PlanSchema>, Plan> = true;
void _planShape;

/** Reads a saved plan: the Plan, or the problems (path and message) that refuse it. */
export function parsePlan(data: unknown): { ok: true; plan: Plan } | { ok: false; errors: string[] } {
  const r = PlanSchema.safeParse(data);
  if (r.success) return { ok: true, plan: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`) };
}
