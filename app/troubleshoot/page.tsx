import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { Troubleshooter } from "@/components/troubleshoot/Troubleshooter";

export const metadata: Metadata = {
  title: "Sidecar troubleshooter — what a better-auth + FastAPI error means",
  description: "Paste an error: its cause, the fix, and the diagnostic check that finds it.",
};

export default function TroubleshootPage() {
  return (
    <>
      <PageHeader title="Sidecar troubleshooter" width="max-w-4xl">
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
      </PageHeader>
      <main>
        <Troubleshooter />
      </main>
    </>
  );
}
