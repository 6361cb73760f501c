'use client';
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * False in the server's render and while React hydrates it, true from the render after: what
 * only the browser can say (the time, the local clock's zone, whether a button works yet) waits
 * for it, so the server's HTML never holds something the hydrating browser would contradict.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
