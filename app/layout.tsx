import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'moodstream · live sentiment',
  description: 'Live social-media sentiment: sliding windows, top hashtags and terms, tracked queries.',
  icons: { icon: '/icon.svg' },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // theme-init.js sets the `dark` class before hydration, so the server's markup differs there on purpose.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Blocking on purpose: it must run before the first paint to avoid a theme flash. */}
        <script src="/theme-init.js" />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
