import { z } from 'zod';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '@/server/core/snapshot-file';
import { HostId, HostName } from '@/server/hosts/schema';

/** Inputs of the snapshot and share procedures (tRPC) and the CLI: validated once, here. */
const Id = z.uuid();
// Control characters have no place in a title and PostgreSQL refuses NUL in text; newlines in notes are fine.
const Name = z
  .string()
  .trim()
  .min(1, 'a snapshot needs a name')
  .max(MAX_NAME_LENGTH)
  .refine((s) => !/\p{Cc}/u.test(s), 'no control characters');
/** Control characters other than newline and tab (PostgreSQL refuses NUL in text; the rest garble titles). */
const CONTROL = /(?![\n\t])\p{Cc}/gu;
export const stripControl = (s: string): string => s.replace(CONTROL, ' ');

const Note = z
  .string()
  .max(MAX_NOTE_LENGTH)
  .refine((s) => stripControl(s) === s, 'no control characters other than newlines and tabs')
  .default('');

export const TakeSnapshotInput = z.object({
  hostIds: z.array(HostId).min(1, 'choose at least one host').max(500),
  name: Name,
  note: Note,
});
export type TakeSnapshotInput = z.infer<typeof TakeSnapshotInput>;

export const UpdateSnapshotInput = z.object({ id: Id, name: Name, note: Note });

export const SnapshotIdInput = z.object({ id: Id });

export const ListSnapshotsInput = z.object({ hostName: HostName.optional() }).default({});

/** One side of a comparison: a stored snapshot, or the hosts as they are now (read again). */
export const CompareSide = z.union([
  z.object({ snapshotId: Id }).strict(),
  z.object({ live: z.array(HostId).min(1).max(500) }).strict(),
]);
export type CompareSide = z.infer<typeof CompareSide>;

export const CompareInput = z.object({
  from: CompareSide,
  to: CompareSide,
  traffic: z.boolean().default(false),
});
export type CompareInput = z.infer<typeof CompareInput>;

export const CreateShareInput = z.object({
  snapshotId: Id,
  /** A diff link: from `snapshotId` to this later snapshot. */
  compareTo: Id.optional(),
  /** Hours until the link stops working; absent = until revoked. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
});
export type CreateShareInput = z.infer<typeof CreateShareInput>;

export const ShareIdInput = z.object({ id: Id });

/** A share token: 43 base64url characters (256 random bits); anything else is not one. */
export const ShareTokenInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a share link'),
});

export const ScheduleInput = z.object({
  hostId: HostId,
  /** Minutes between scheduled snapshots; null turns the schedule off. */
  everyMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .nullable(),
});

export const RestorePlanInput = z.object({ hostId: HostId, snapshotId: Id });
export type RestorePlanInput = z.infer<typeof RestorePlanInput>;
