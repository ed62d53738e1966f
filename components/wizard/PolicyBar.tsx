"use client";
/**
 * Above the wizard: the organization's branding and the policy it runs under
 * (when there is one), and the presets to start from, one click each.
 */
import type { Policy } from "@/lib/config/policy";
import type { PresetSummary } from "@/lib/worker/protocol";

type Props = { policy?: Policy; presets: PresetSummary[]; onPreset: (preset: PresetSummary) => void };

export function PolicyBar({ policy, presets, onPreset }: Props) {
  const branding = policy?.branding;
  return (
    <div className="mb-4 space-y-3">
      {policy && (
        <section
          aria-label="Organization policy"
          data-testid="policy"
          className="rounded-lg border-l-4 border-slate-300 bg-slate-50 p-3 dark:border-slate-600 dark:bg-slate-900"
          style={branding?.accent ? { borderLeftColor: branding.accent } : undefined}
        >
          <div className="flex items-center gap-3">
            {branding?.logoUrl && <img src={branding.logoUrl} alt="" className="h-8 w-auto" />}
            <div>
              <p className="font-semibold">{branding?.title ?? policy.name}</p>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Choices follow {policy.name}&apos;s policy: some options are unavailable or fixed, each with its reason.
              </p>
            </div>
          </div>
          {branding && branding.links.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-3 text-sm">
              {branding.links.map((link) => (
                <li key={link.url}>
                  <a className="underline" href={link.url} rel="noreferrer">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {presets.length > 0 && (
        <section aria-labelledby="presets-heading">
          <h2 id="presets-heading" className="text-sm font-semibold">
            Start from a preset
          </h2>
          <ul className="mt-1 flex flex-wrap gap-2">
            {presets.map((preset) => (
              <li key={preset.id}>
                <button
                  type="button"
                  onClick={() => onPreset(preset)}
                  title={preset.description}
                  data-preset={preset.id}
                  className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  {preset.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
