'use client';
import { useEffect, useState } from 'react';
import { when } from '@/components/admin/when';

/**
 * A time in the reader's locale and zone. Pages rendered on the server with the data (a share
 * link) would print the server's zone and then disagree with the browser's while hydrating, so
 * the local text is filled in once mounted; until then the ISO time stands in.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => setText(when(iso)), [iso]);
  return <time dateTime={iso}>{text ?? iso}</time>;
}
