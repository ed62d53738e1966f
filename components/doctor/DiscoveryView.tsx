"use client";
/** What the doctor found in the project (its first step), and a link that opens the wizard prefilled with it. */
import type { Discovery } from "@/lib/doctor/discover";
import type { LoadedProject } from "@/lib/doctor/read";
import { discoveryRows } from "@/lib/doctor/rows";
import { encodePermalink } from "@/lib/permalink";

export function DiscoveryView({ discovery: d, project }: { discovery: Discovery; project: LoadedProject }) {
  const rows = discoveryRows(d);
  return (
    <section aria-labelledby="discovery-heading" data-testid="doctor-discovery">
      <h2 id="discovery-heading" className="font-semibold">
        What the project has
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {project.files.length} files checked{project.skipped.length ? `, ${project.skipped.length} skipped` : ""}.{" "}
        <span data-testid="doctor-config-source">
          {d.record
            ? `The checks and the wizard link use the config recorded in ${d.record.file}.`
            : "No sidecar.json with a valid config: the checks and the wizard link rely on what the files show."}
        </span>
      </p>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(({ label, value, source }) => (
          <div key={label} className="contents" data-row={label}>
            <dt className="font-medium">{label}</dt>
            <dd className={value ? "" : "text-slate-500"}>
              {value ?? "not found"}
              {value && source && (
                <span className="text-slate-600 dark:text-slate-400">
                  {" "}
                  · from <code data-testid="doctor-source">{source}</code>
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {!d.authServer && (
        <p
          className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950"
          data-testid="doctor-no-auth-server"
        >
          No better-auth server was found (a package.json depending on better-auth), so the checks of the auth server had nothing to read. The wizard can
          generate one for this backend.
        </p>
      )}
      {project.skipped.length > 0 && (
        <details className="mt-2 text-sm">
          <summary>Skipped files</summary>
          <ul className="ml-5 list-disc" data-testid="doctor-skipped">
            {project.skipped.map((s) => (
              <li key={s.path}>
                <code>{s.path}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="mt-3 text-sm">
        <a className="font-medium text-blue-700 underline dark:text-blue-300" href={`/?${encodePermalink(d.prefill)}`} data-testid="doctor-prefill">
          Open the wizard with what was found
        </a>
        {d.dropped.length > 0 && <span> (not used, invalid for the wizard: {d.dropped.join(", ")})</span>}
      </p>
    </section>
  );
}
