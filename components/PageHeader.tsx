import type { ReactNode } from "react";
import { ThemeToggle } from "./ThemeToggle";

/** Sidecar's three pages, in the order the header's navigation lists them. */
export type Tool = "wizard" | "doctor" | "troubleshoot";

const TOOLS: Record<Tool, { href: string; label: string }> = {
  wizard: { href: "/", label: "Wizard" },
  doctor: { href: "/doctor", label: "Doctor" },
  troubleshoot: { href: "/troubleshoot", label: "Troubleshooter" },
};

/** The column every page's header and main content share, so their edges line up from page to page. */
export const PAGE_COLUMN = "mx-auto w-full max-w-screen-2xl px-4";

/**
 * The header every page shares: its title, what it is for, the links to the
 * three tools (plain links: the wizard's first load stays free of router code)
 * and the theme toggle.
 */
export function PageHeader({ title, tool, children }: { title: string; tool?: Tool; children: ReactNode }) {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      {/* The toggle shares the title's row only: on a phone the description and the links keep the full width. */}
      <div className={`${PAGE_COLUMN} grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-4 py-4`}>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <ThemeToggle />
        <div className="col-span-2 mt-1 max-w-3xl text-slate-700 dark:text-slate-300">{children}</div>
        <nav aria-label="Sidecar tools" className="col-span-2 mt-2 text-sm">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {(Object.keys(TOOLS) as Tool[]).map((id) => (
              <li key={id}>
                <a
                  href={TOOLS[id].href}
                  aria-current={id === tool ? "page" : undefined}
                  className="underline aria-[current=page]:font-semibold aria-[current=page]:no-underline"
                >
                  {TOOLS[id].label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
