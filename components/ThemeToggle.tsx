"use client";
/**
 * Light or dark: the system decides until the user presses the toggle; the
 * choice is remembered. layout.tsx applies it before the first paint.
 */
import { useEffect, useState } from "react";

type Theme = "light" | "dark";
const KEY = "sidecar:theme";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    setTheme((document.documentElement.dataset.theme as Theme | undefined) ?? systemTheme());
    const media = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => {
      if (localStorage.getItem(KEY)) return;
      document.documentElement.dataset.theme = systemTheme();
      setTheme(systemTheme());
    };
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, []);

  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    localStorage.setItem(KEY, next);
    document.documentElement.dataset.theme = next;
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === "dark"}
      className="shrink-0 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      Dark mode
    </button>
  );
}
