import type { Metadata } from "next";
import { Doctor } from "@/components/doctor/Doctor";
import { PAGE_COLUMN, PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = {
  title: "Sidecar doctor — check an existing better-auth + FastAPI project",
  description: "Upload a project: Sidecar's diagnostics find and fix the integration problems, in your browser.",
};

export default function DoctorPage() {
  return (
    <>
      <PageHeader title="Sidecar doctor" tool="doctor">
        <p>Check an existing better-auth + FastAPI project for the integration problems that break sign-in, choose the fixes, and download it patched.</p>
      </PageHeader>
      <main className={`${PAGE_COLUMN} py-6`}>
        <Doctor />
      </main>
    </>
  );
}
