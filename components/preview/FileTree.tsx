"use client";
/** The generated files as a tree of collapsible folders; files changed by the last edit carry a mark. */
import { useState } from "react";

type Folder = { name: string; path: string; folders: Folder[]; files: string[] };

function buildTree(paths: string[]): Folder {
  const root: Folder = { name: "", path: "", folders: [], files: [] };
  for (const path of paths) {
    const parts = path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.find((f) => f.name === part);
      if (!next) {
        next = { name: part, path: folder.path ? `${folder.path}/${part}` : part, folders: [], files: [] };
        folder.folders.push(next);
      }
      folder = next;
    }
    folder.files.push(path);
  }
  return root;
}

type TreeProps = {
  paths: string[];
  selected: string | null;
  changed: ReadonlySet<string>;
  onSelect: (path: string) => void;
};

export function FileTree({ paths, selected, changed, onSelect }: TreeProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <ul className="font-mono text-sm" aria-label="Generated files">
      <FolderItems folder={buildTree(paths)} {...{ collapsed, toggle, selected, changed, onSelect }} />
    </ul>
  );
}

type ItemsProps = Omit<TreeProps, "paths"> & {
  folder: Folder;
  collapsed: ReadonlySet<string>;
  toggle: (path: string) => void;
};

// Indented by nesting, with classes: the tree is painted by the server too, and the page's policy refuses style attributes.
function FolderItems({ folder, collapsed, toggle, selected, changed, onSelect }: ItemsProps) {
  return (
    <>
      {folder.folders.map((child) => {
        const open = !collapsed.has(child.path);
        const changedInside = [...changed].some((path) => path.startsWith(`${child.path}/`));
        return (
          <li key={child.path}>
            <button
              type="button"
              aria-expanded={open}
              onClick={() => toggle(child.path)}
              className="flex w-full items-center gap-1 rounded py-0.5 pl-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span aria-hidden="true">{open ? "▾" : "▸"}</span>
              {child.name}/{changedInside && <ChangedMark />}
            </button>
            {open && (
              <ul className="pl-[0.9rem]">
                <FolderItems folder={child} {...{ collapsed, toggle, selected, changed, onSelect }} />
              </ul>
            )}
          </li>
        );
      })}
      {folder.files.map((path) => (
        <li key={path}>
          <button
            type="button"
            aria-current={selected === path ? "true" : undefined}
            data-path={path}
            onClick={() => onSelect(path)}
            className="flex w-full items-center gap-1 rounded py-0.5 pl-1 text-left hover:bg-slate-100 aria-[current=true]:bg-blue-100 aria-[current=true]:font-semibold dark:hover:bg-slate-800 dark:aria-[current=true]:bg-blue-900"
          >
            <span className="truncate">{path.slice(path.lastIndexOf("/") + 1)}</span>
            {changed.has(path) && <ChangedMark />}
          </button>
        </li>
      ))}
    </>
  );
}

function ChangedMark() {
  return <span className="ml-1 rounded bg-amber-100 px-1 text-xs font-sans text-amber-900 dark:bg-amber-900 dark:text-amber-100">changed</span>;
}
