import type { Metadata, Viewport } from "next";
import { questionCountText } from "@/lib/questions/steps";
import "./globals.css";

export const metadata: Metadata = {
  title: "Sidecar — better-auth for your FastAPI app",
  description: `Answer ${questionCountText()} and download a working better-auth auth server and FastAPI backend sharing one PostgreSQL database.`,
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * Runs before the first paint so the page never flashes the wrong theme: the
 * toggle's saved choice wins, else the system's preference. Static text, no input.
 */
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("sidecar:theme");if(t!=="light"&&t!=="dark")t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.dataset.theme=t}catch(e){}})()`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
