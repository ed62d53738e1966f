import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = { title: "Sidecar — page not found" };

/**
 * Replaces Next.js's default 404, whose inline styles the pages' policy
 * (styles from the site's own stylesheet only) would block.
 */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" width="max-w-4xl">
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Nothing lives at this address. Go to the{" "}
          <Link className="underline" href="/">
            wizard
          </Link>
          , the{" "}
          <Link className="underline" href="/doctor">
            doctor
          </Link>{" "}
          or the{" "}
          <Link className="underline" href="/troubleshoot">
            troubleshooter
          </Link>
          .
        </p>
      </PageHeader>
    </>
  );
}
