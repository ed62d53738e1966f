"use client";
/** One file's unified diff, added lines green and removed ones red. */
function lineClass(line: string): string {
  if (line.startsWith("+") && !line.startsWith("+++")) return "block bg-green-100 dark:bg-green-950";
  if (line.startsWith("-") && !line.startsWith("---")) return "block bg-red-100 dark:bg-red-950";
  return "block";
}

export function UnifiedDiff({ path, text }: { path: string; text: string }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-900" tabIndex={0} aria-label={`Changes to ${path}`}>
      {text.split("\n").map((line, i) => (
        <span key={i} className={lineClass(line)}>
          {line || " "}
        </span>
      ))}
    </pre>
  );
}
