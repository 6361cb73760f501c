import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: 'Patchbay',
  description: 'The virtual network of your Linux hosts, as a live graph.',
  icons: { icon: '/favicon.svg' },
  // A dashboard of one's own hosts is nobody's search result (public/robots.txt says the same).
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next.js stamps its inline scripts with the CSP nonce that
  // proxy.ts made for this request (a prerendered page would carry none and be blocked).
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
