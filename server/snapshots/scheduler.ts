import type { HostModel } from '@/server/core/model';
import type { SnapshotService } from './service';
import type { SnapshotStore } from './store';

export interface SchedulerOptions {
  now?: () => Date;
  /** Reads a host again and returns its model (a refresh); throws when it cannot be read. */
  readLive: (hostIds: string[]) => Promise<HostModel[]>;
  log?: (line: string) => void;
}

/**
 * Per-host scheduled snapshots: each tick claims the hosts that are due (atomically, so several
 * servers on one database take each one once) and saves a fresh read of each. A host that cannot
 * be read is skipped until its next period; its refresh has recorded why.
 */
export class SnapshotScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly store: SnapshotStore,
    private readonly snapshots: SnapshotService,
    private readonly opts: SchedulerOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Takes the due snapshots; returns how many were saved. Overlapping calls share one pass. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const due = await this.store.claimDue(this.now());
    const saved = await Promise.allSettled(
      due.map(async (hostId) => {
        const [model] = await this.opts.readLive([hostId]);
        if (!model) return;
        const at = this.now().toISOString().slice(0, 16).replace('T', ' ');
        await this.snapshots.save([model], [hostId], {
          name: `${model.host} ${at}`,
          who: 'schedule',
          source: 'scheduled',
        });
      }),
    );
    for (const s of saved)
      if (s.status === 'rejected')
        (this.opts.log ?? console.error)(
          `patchbay: scheduled snapshot skipped: ${String((s.reason as Error)?.message ?? s.reason)}`,
        );
    return saved.filter((s) => s.status === 'fulfilled').length;
  }

  start(everyMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
