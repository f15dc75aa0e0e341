// A date written as prose in a lore file (`July 31, 1980`, `31st July 1980`, `1980/07/31`)
// rewritten in the base's own notation (`1980-07-31`): the quick fix of lore-invalid-date.
import { parseStoryDate, type Calendar } from '../dates';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === 'sept')));
  return index < 0 ? undefined : index + 1;
}

const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(-?\\d{1,9})';
const MONTH = '([A-Za-z]{3,9}\\.?)';
const FORMS: Array<{ pattern: RegExp; order: ['y' | 'm' | 'd', ...Array<'y' | 'm' | 'd'>] }> = [
  { pattern: new RegExp(`^${MONTH}\\s+${DAY},?\\s+${YEAR}$`), order: ['m', 'd', 'y'] }, // July 31, 1980
  { pattern: new RegExp(`^${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}$`), order: ['d', 'm', 'y'] }, // 31 July 1980
  { pattern: new RegExp(`^${MONTH},?\\s+${YEAR}$`), order: ['m', 'y'] }, // July 1980
  { pattern: new RegExp(`^${YEAR}[/.](\\d{1,2})[/.](\\d{1,2})$`), order: ['y', 'm', 'd'] }, // 1980/07/31
  { pattern: new RegExp(`^${YEAR}[/.](\\d{1,2})$`), order: ['y', 'm'] }, // 1980/07
];

/** The date in the base's notation, or undefined when the text is no recognisable date. */
export function normaliseDateText(text: string, calendar: Calendar): string | undefined {
  const s = text.trim();
  for (const { pattern, order } of FORMS) {
    const match = pattern.exec(s);
    if (!match) continue;
    const parts: Partial<Record<'y' | 'm' | 'd', string>> = {};
    order.forEach((key, i) => (parts[key] = match[i + 1]));
    const month = /^\d+$/.test(parts.m!) ? Number(parts.m) : monthNumber(parts.m!);
    if (month === undefined) return undefined;
    const pad = (n: number): string => String(n).padStart(2, '0');
    const written = `${parts.y}-${pad(month)}${parts.d !== undefined ? `-${pad(Number(parts.d))}` : ''}`;
    return parseStoryDate(written, calendar).ok ? written : undefined;
  }
  return undefined;
}
