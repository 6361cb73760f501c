/**
 * Editor bench (issue 11) on the `large` lab host (2,000 ports): what the browser computes when an
 * operator adds one edit — the desired model, its plan and the overlaid graph (desiredView) — and
 * what a review of 500 edits computes (plan, text, commands). Baseline in the same run: drawing
 * the live host's graph (toElements), the work every refresh of the view already does.
 * Alone: `npx tsx scripts/bench/editor.ts` (the lab host must be up). The DOM rendering of the
 * review text is not part of these figures.
 */
import { desiredView } from '@/components/editor/desired';
import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { plan as makePlan } from '@/server/core/changes/plan';
import { planCommands, planText } from '@/server/core/changes/render';
import { toElements } from '@/server/core/graph';
import { SshPool } from '@/server/ssh';
import { timeMedian } from './collect';

export interface EditorBenchResult {
  ports: number;
  liveGraphMs: number;
  oneEditOverlayMs: number;
  review500Ms: number;
}

const time = (f: () => unknown, n = 9): number => timeMedian(f, n);

export async function benchEditor(): Promise<EditorBenchResult> {
  const host = readLabState()?.hosts.find((h) => h.name === 'large');
  if (!host) throw new Error('lab host "large" is not up');
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  try {
    const live = (await collectHost(pool, labSshTarget(host, 'bench-editor'), { timeoutMs: 120_000 })).model;
    const bridge = live.ovs?.bridges[0]?.name;
    if (!bridge) throw new Error('the large host has no bridge');
    const liveElements = toElements([live]);
    const oneEdit = [{ op: 'add-port', bridge, name: 'pbe0', type: 'internal', tag: 7 }];
    const edits500 = Array.from({ length: 500 }, (_, i) => ({
      op: 'add-port',
      bridge,
      name: `pbr${i}`,
      type: 'internal',
      tag: (i % 4000) + 1,
    }));
    // Warm, as in a session where the operator has already made an edit or two.
    for (let i = 0; i < 3; i++) desiredView(live, liveElements, oneEdit);
    return {
      ports: live.ovs?.ports.length ?? 0,
      liveGraphMs: time(() => toElements([live])),
      oneEditOverlayMs: time(() => desiredView(live, liveElements, oneEdit)),
      review500Ms: time(() => {
        const r = applyEdits(live, edits500);
        if (!r.ok) throw new Error('bench edits refused');
        const p = makePlan(live, r.desired);
        planText(p);
        planCommands(p);
      }),
    };
  } finally {
    pool.closeAll();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchEditor());
}
