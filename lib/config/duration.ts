import { DAY } from "./options";

/** A number of seconds in its largest whole unit: "7 days", "1 day", "12 hours", "90 minutes", "3601 seconds". */
export function formatDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (seconds % DAY === 0) return unit(seconds / DAY, "day");
  if (seconds % 3600 === 0) return unit(seconds / 3600, "hour");
  if (seconds % 60 === 0) return unit(seconds / 60, "minute");
  return unit(seconds, "second");
}
