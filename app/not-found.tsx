import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";

export const metadata: Metadata = { title: "Sidecar — page not found" };

/**
 * Replaces Next.js's default 404, whose inline styles the pages' policy
 * (styles from the site's own stylesheet only) would block.
 */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found">
        <p>Nothing lives at this address: the links below lead to Sidecar&apos;s tools.</p>
      </PageHeader>
    </>
  );
}
