// The one-line summary of a workspace check, the same in every editor.
import { findingsInWords } from '../codes';

export interface ContinuitySummary {
  files: number;
  /** Findings in the manuscripts, by code. */
  byCode: Record<string, number>;
  total: number;
  loreProblems: number;
  cancelled: boolean;
}

/** "7 contradictions in 3 manuscripts: 2 dead characters acting, 1 wrong date, …." — checks named in words. */
export function summariseContinuity(report: ContinuitySummary): string {
  const files = `${report.files} manuscript${report.files === 1 ? '' : 's'}`;
  const lore = report.loreProblems > 0 ? ` The lore has ${report.loreProblems} problem${report.loreProblems === 1 ? '' : 's'}.` : '';
  const stopped = report.cancelled ? ' (cancelled)' : '';
  if (report.total === 0) return `No contradictions in ${files}${stopped}.${lore}`;
  const parts = Object.entries(report.byCode)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, count]) => findingsInWords(code, count));
  return `${report.total} contradiction${report.total === 1 ? '' : 's'} in ${files}${stopped}: ${parts.join(', ')}.${lore}`;
}
