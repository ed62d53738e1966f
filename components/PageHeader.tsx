import type { ReactNode } from "react";
import { ThemeToggle } from "./ThemeToggle";

/** The header every page shares: its title, what it is for (with links to the other tools), and the theme toggle. */
export function PageHeader({ title, width, children }: { title: string; width: string; children: ReactNode }) {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className={`mx-auto flex ${width} items-start justify-between gap-4 px-4 py-4`}>
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          {children}
        </div>
        <ThemeToggle />
      </div>
    </header>
  );
}
