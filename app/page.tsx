import { PageHeader } from "@/components/PageHeader";
import { DEFAULT_CONFIG } from "@/lib/config/schema";
import { Wizard } from "@/components/wizard/Wizard";

export default function Home() {
  return (
    <>
      <PageHeader title="Sidecar" width="max-w-screen-2xl">
        <p className="mt-1 max-w-3xl text-slate-700 dark:text-slate-300">
          Answer seven questions and get a zip with a working better-auth auth server (Node.js) and a FastAPI backend that trusts it, sharing one PostgreSQL
          database.
        </p>
        {/* Plain links: the wizard's first load stays free of router code it does not need. */}
        <nav aria-label="Other tools" className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          Have a project already?{" "}
          <a className="underline" href="/doctor">
            Check it with the doctor
          </a>{" "}
          ·{" "}
          <a className="underline" href="/troubleshoot">
            Explain an error message
          </a>
        </nav>
      </PageHeader>
      {/* The defaults are computed here, on the server, so the browser's first load carries no validator. */}
      <Wizard defaults={DEFAULT_CONFIG} />
    </>
  );
}
