import type { Metadata } from "next";
import Link from "next/link";
import { Doctor } from "@/components/doctor/Doctor";
import { PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = {
  title: "Sidecar doctor — check an existing better-auth + FastAPI project",
  description: "Upload a project: Sidecar's diagnostics find and fix the integration problems, in your browser.",
};

export default function DoctorPage() {
  return (
    <>
      <PageHeader title="Sidecar doctor" width="max-w-5xl">
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
      </PageHeader>
      <main>
        <Doctor />
      </main>
    </>
  );
}
