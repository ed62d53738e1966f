"use client";
/**
 * The system the answers build, drawn as SVG: four boxes (lib/questions/system
 * says what is in them) and numbered arrows, explained in the list under the
 * drawing so the words never have to fit on a line. Loaded after the first
 * paint: nothing here is needed to start answering.
 */
import type { ResolvedConfig } from "@/lib/config/resolve";
import { formatDuration } from "@/lib/questions";
import { systemPicture, type SystemLink, type SystemPart } from "@/lib/questions/system";

type Rect = { x: number; y: number; w: number; h: number };

const LINE = 15;
const HEADER = 24;
/** The longest box line drawn in full; the whole text stays in the box's tooltip. */
const MAX_CHARS = 30;

const COLUMN: Record<SystemPart, { x: number; w: number; y: (h: number) => number }> = {
  frontend: { x: 8, w: 200, y: (h) => 150 - h / 2 },
  auth: { x: 268, w: 204, y: () => 8 },
  backend: { x: 268, w: 204, y: (h) => 292 - h },
  database: { x: 540, w: 172, y: (h) => 150 - h / 2 },
};

const boxHeight = (lines: number) => HEADER + lines * LINE + 8;
const center = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Where the segment from the box's centre towards `to` leaves the box. */
function edgePoint(r: Rect, to: { x: number; y: number }) {
  const c = center(r);
  const dx = to.x - c.x;
  const dy = to.y - c.y;
  const scale = Math.min(dx === 0 ? Infinity : r.w / 2 / Math.abs(dx), dy === 0 ? Infinity : r.h / 2 / Math.abs(dy));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

const shorten = (text: string) => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text);

const LINK_STYLE: Record<SystemLink["kind"], string> = {
  credential: "stroke-blue-600 dark:stroke-blue-400",
  data: "stroke-slate-500 dark:stroke-slate-400 [stroke-dasharray:5_4]",
};
const BADGE_STYLE: Record<SystemLink["kind"], string> = {
  credential: "fill-blue-600 dark:fill-blue-400",
  data: "fill-slate-500 dark:fill-slate-400",
};

export default function SystemPicture({ config }: { config: ResolvedConfig }) {
  const picture = systemPicture(config, formatDuration(config.session.expiresIn));
  const rects = Object.fromEntries(
    (Object.keys(COLUMN) as SystemPart[]).map((part) => {
      const h = boxHeight(picture.boxes[part].lines.length);
      const { x, w, y } = COLUMN[part];
      return [part, { x, y: y(h), w, h }];
    }),
  ) as Record<SystemPart, Rect>;
  const titleOf = (part: SystemPart) => picture.boxes[part].title;
  return (
    <figure className="mt-3" data-testid="system-picture" data-validation={config.session.validationMethod}>
      {/* On a phone the drawing keeps a readable size and scrolls sideways instead of shrinking its words to dots. */}
      <p className="mb-1 text-xs text-slate-600 sm:hidden dark:text-slate-400">Scroll sideways for the whole picture.</p>
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="System picture, scrolls sideways" data-testid="system-picture-scroll">
        <svg viewBox="0 0 720 300" role="img" aria-labelledby="system-picture-caption" className="h-auto w-full max-w-3xl max-sm:min-w-[36rem]">
          <defs>
            <marker id="system-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" className="fill-slate-600 dark:fill-slate-300" />
            </marker>
          </defs>
          {picture.links.map((link, index) => {
            const from = edgePoint(rects[link.from], center(rects[link.to]));
            const to = edgePoint(rects[link.to], center(rects[link.from]));
            const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
            return (
              <g key={`${link.from}-${link.to}`} data-link={`${link.from}-${link.to}`}>
                <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} strokeWidth={2} className={LINK_STYLE[link.kind]} markerEnd="url(#system-arrow)" />
                <circle cx={mid.x} cy={mid.y} r={9} className={BADGE_STYLE[link.kind]} />
                <text x={mid.x} y={mid.y + 4} textAnchor="middle" fontSize={11} fontWeight={700} className="fill-white dark:fill-slate-950">
                  {index + 1}
                </text>
              </g>
            );
          })}
          {(Object.keys(rects) as SystemPart[]).map((part) => {
            const r = rects[part];
            const box = picture.boxes[part];
            return (
              <g key={part} data-part={part}>
                <title>{[box.title, ...box.lines].join("\n")}</title>
                <rect x={r.x} y={r.y} width={r.w} height={r.h} rx={8} className="fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-600" />
                <text x={r.x + 10} y={r.y + 18} fontSize={13} fontWeight={600} className="fill-slate-900 dark:fill-slate-100">
                  {box.title}
                </text>
                {box.lines.map((line, index) => (
                  <text key={index} x={r.x + 10} y={r.y + HEADER + 12 + index * LINE} fontSize={11} className="fill-slate-700 font-mono dark:fill-slate-300">
                    {shorten(line)}
                  </text>
                ))}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption id="system-picture-caption" className="mt-2 text-sm">
        <ol className="space-y-0.5" data-testid="system-links">
          {picture.links.map((link, index) => (
            <li key={`${link.from}-${link.to}`} className="flex gap-2">
              <span
                aria-hidden="true"
                className={`mt-0.5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold text-white dark:text-slate-950 ${link.kind === "credential" ? "bg-blue-600 dark:bg-blue-400" : "bg-slate-500 dark:bg-slate-400"}`}
              >
                {index + 1}
              </span>
              <span>
                {titleOf(link.from)} → {titleOf(link.to)}: {link.label}
              </span>
            </li>
          ))}
        </ol>
        <p className="mt-2 font-medium">How a signed-in request is checked ({picture.method}):</p>
        <ol className="ml-5 list-decimal text-slate-700 dark:text-slate-300" data-testid="system-steps">
          {picture.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
