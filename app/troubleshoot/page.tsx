import type { Metadata } from "next";
import Link from "next/link";
import { ThemeToggle } from "@/components/ThemeToggle";
import { Troubleshooter } from "@/components/troubleshoot/Troubleshooter";

export const metadata: Metadata = {
  title: "Sidecar troubleshooter — what a better-auth + FastAPI error means",
  description: "Paste an error: its cause, the fix, and the diagnostic check that finds it.",
};

export default function TroubleshootPage() {
  return (
    <>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-4xl items-start justify-between gap-4 px-4 py-4">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">Sidecar troubleshooter</h1>
            <p className="mt-1 text-slate-700 dark:text-slate-300">
              Paste an error or a log from the auth server, the backend or the browser console.{" "}
              <Link className="underline" href="/">
                Wizard
              </Link>{" "}
              ·{" "}
              <Link className="underline" href="/doctor">
                Doctor
              </Link>
            </p>
          </div>
          <ThemeToggle />
        </div>
      </header>
      <main>
        <Troubleshooter />
      </main>
    </>
  );
}
