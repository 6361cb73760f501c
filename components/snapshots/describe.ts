import { when } from '@/components/admin/when';

/** `"aio nightly" taken 5/1/2024, 2:03 PM by alice (manual)`: which snapshot, for titles and banners. */
export function describeSnapshot(s: {
  name: string;
  takenAt: string;
  who?: string | null;
  source: string;
}): string {
  return `"${s.name}" taken ${when(s.takenAt)}${s.who ? ` by ${s.who}` : ''} (${s.source})`;
}
