import type { Metadata } from "next";
import Link from "next/link";
import { Doctor } from "@/components/doctor/Doctor";
import { ThemeToggle } from "@/components/ThemeToggle";

export const metadata: Metadata = {
  title: "Sidecar doctor — check an existing better-auth + FastAPI project",
  description: "Upload a project: Sidecar's diagnostics find and fix the integration problems, in your browser.",
};

export default function DoctorPage() {
  return (
    <>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-5xl items-start justify-between gap-4 px-4 py-4">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">Sidecar doctor</h1>
            <p className="mt-1 text-slate-700 dark:text-slate-300">
              Check an existing better-auth + FastAPI project for the integration problems that break sign-in, choose the fixes, and download it patched.{" "}
              <Link className="underline" href="/">
                Wizard
              </Link>{" "}
              ·{" "}
              <Link className="underline" href="/troubleshoot">
                Troubleshooter
              </Link>
            </p>
          </div>
          <ThemeToggle />
        </div>
      </header>
      <main>
        <Doctor />
      </main>
    </>
  );
}
