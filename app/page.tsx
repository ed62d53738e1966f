import { PageHeader } from "@/components/PageHeader";
import { DEFAULT_CONFIG } from "@/lib/config/schema";
import { questionCountText } from "@/lib/questions/steps";
import { DeferredWizard } from "@/components/wizard/DeferredWizard";
import { defaultPreviewSnapshot } from "@/lib/worker/snapshot";
import { tokenize } from "@/components/preview/highlight";

export default async function Home() {
  const snapshot = defaultPreviewSnapshot();
  // Highlighted here too, so the first file shown costs the browser no highlighter.
  const [shown] = snapshot.files;
  const firstFileTokens = shown && { ...shown, tokens: await tokenize(shown.path, shown.content) };
  return (
    <>
      <PageHeader title="Sidecar" tool="wizard">
        <p data-testid="intro">
          Answer {questionCountText()} and get a zip with a working better-auth auth server (Node.js) and a FastAPI backend that trusts it, sharing one
          PostgreSQL database.
        </p>
      </PageHeader>
      {/* The defaults and their preview are computed here, on the server, so the first paint needs neither the validator nor the generator,
          and the form's own code loads only when the visit or the user needs it. */}
      <DeferredWizard defaults={DEFAULT_CONFIG} snapshot={snapshot} firstFileTokens={firstFileTokens} />
    </>
  );
}
