import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: 'Patchbay',
  description: 'The virtual network of your Linux hosts, as a live graph.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
