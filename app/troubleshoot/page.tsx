import type { Metadata } from "next";
import { PAGE_COLUMN, PageHeader } from "@/components/PageHeader";
import { Troubleshooter } from "@/components/troubleshoot/Troubleshooter";

export const metadata: Metadata = {
  title: "Sidecar troubleshooter — what a better-auth + FastAPI error means",
  description: "Paste an error: its cause, the fix, and the diagnostic check that finds it.",
};

export default function TroubleshootPage() {
  return (
    <>
      <PageHeader title="Sidecar troubleshooter" tool="troubleshoot">
        <p>Paste an error or a log from the auth server, the backend or the browser console.</p>
      </PageHeader>
      <main className={`${PAGE_COLUMN} py-6`}>
        <Troubleshooter />
      </main>
    </>
  );
}
