/**
 * Calendar dates without a time of day or a time zone, as `YYYY-MM-DD` strings (RFC 3339
 * `full-date`, proleptic Gregorian, years 0000–9999).
 *
 * Warranty and statutory periods are counted in whole days of the owner's calendar, so a date
 * must never pass through a `Date` at midnight UTC and come back a day off in Oslo. The arithmetic
 * here works on day numbers instead, and the string form sorts, compares and stores as-is in both
 * SQLite and PostgreSQL.
 */

declare const calendarDateBrand: unique symbol;

/** A valid `YYYY-MM-DD` date; obtain one from {@link parseCalendarDate} or {@link calendarDate}. */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

/** The time zone the portal counts days in unless told otherwise (Norway first). */
export const DEFAULT_TIME_ZONE = "Europe/Oslo";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DAY_NUMBER = daysFromCivil(0, 1, 1);
const MAX_DAY_NUMBER = daysFromCivil(9999, 12, 31);

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function partsOf(text: string): DateParts | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

// Arithmetic on a branded value still re-parses, so a string cast to CalendarDate by mistake
// fails loudly here instead of producing NaN dates further on.
function requireParts(date: CalendarDate): DateParts {
  const parts = partsOf(date);
  if (parts === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

function format({ year, month, day }: DateParts): CalendarDate {
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Date out of range (years 0000-9999): year ${year}`);
  const yyyy = String(year).padStart(4, "0");
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  return `${yyyy}-${mm}-${dd}` as CalendarDate;
}

// Day number since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil):
// exact integer arithmetic for every year, unlike Date.UTC which maps years 0-99 to 1900-1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function dayNumberOf(date: CalendarDate): number {
  const { year, month, day } = requireParts(date);
  return daysFromCivil(year, month, day);
}

/**
 * Whether `text` is a real calendar date written exactly as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * isValidCalendarDate("2024-02-29"); // true
 * isValidCalendarDate("2023-02-29"); // false: 2023 is not a leap year
 * isValidCalendarDate("2024-1-05"); // false: two-digit month and day required
 * ```
 */
export function isValidCalendarDate(text: string): text is CalendarDate {
  return partsOf(text) !== null;
}

/**
 * Reads a `YYYY-MM-DD` date, or returns `null` when it is not a real date in that exact form.
 *
 * @example
 * ```ts
 * parseCalendarDate("2024-02-29"); // "2024-02-29"
 * parseCalendarDate("2024-13-01"); // null
 * ```
 */
export function parseCalendarDate(text: string): CalendarDate | null {
  return isValidCalendarDate(text) ? text : null;
}

/**
 * Reads a `YYYY-MM-DD` date and throws a `RangeError` when it is not one; for literals and
 * values that were validated already (schemas, database columns).
 *
 * @example
 * ```ts
 * const delivered = calendarDate("2024-03-10");
 * ```
 */
export function calendarDate(text: string): CalendarDate {
  if (!isValidCalendarDate(text))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return text;
}

/**
 * Adds `n` calendar months (negative to go back). When the target month is shorter, the result is
 * its last day, as Norwegian law counts periods given in months and years.
 *
 * @example
 * ```ts
 * addMonths(calendarDate("2024-01-31"), 1); // "2024-02-29"
 * addMonths(calendarDate("2024-02-29"), 12); // "2025-02-28"
 * addMonths(calendarDate("2024-03-31"), -1); // "2024-02-29"
 * ```
 */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  requireInteger("months", n);
  const { year, month, day } = requireParts(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 0 || targetYear > 9999) {
    throw new RangeError(`Date out of range (years 0000-9999): ${date} + ${n} months`);
  }
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * Adds `n` calendar years; 29 February becomes 28 February in a common year.
 *
 * @example
 * ```ts
 * addYears(calendarDate("2024-02-29"), 1); // "2025-02-28"
 * addYears(calendarDate("2024-02-29"), 4); // "2028-02-29"
 * ```
 */
export function addYears(date: CalendarDate, n: number): CalendarDate {
  requireInteger("years", n);
  return addMonths(date, n * 12);
}

/**
 * Adds `n` days (negative to go back).
 *
 * @example
 * ```ts
 * addDays(calendarDate("2024-12-31"), 1); // "2025-01-01"
 * addDays(calendarDate("2024-03-01"), -1); // "2024-02-29"
 * ```
 */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  requireInteger("days", n);
  const target = dayNumberOf(date) + n;
  if (target < MIN_DAY_NUMBER || target > MAX_DAY_NUMBER) {
    throw new RangeError(`Date out of range (years 0000-9999): ${date} + ${n} days`);
  }
  return format(civilFromDays(target));
}

/**
 * The number of days from `a` to `b`: positive when `b` is later, zero on the same day.
 *
 * @example
 * ```ts
 * daysBetween(calendarDate("2024-02-28"), calendarDate("2024-03-01")); // 2
 * daysBetween(calendarDate("2024-03-01"), calendarDate("2024-02-28")); // -2
 * ```
 */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/**
 * Orders two dates: negative when `a` is earlier, zero when equal, positive when later; fits
 * `Array.prototype.sort`.
 *
 * @example
 * ```ts
 * [calendarDate("2025-01-01"), calendarDate("2024-06-30")].sort(compareDates); // ["2024-06-30", "2025-01-01"]
 * ```
 */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  // Four-digit, zero-padded years make the string order the date order.
  return a < b ? -1 : a > b ? 1 : 0;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Intl throws a RangeError for an unknown zone, which is what a caller should see.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "iso8601",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date it is at the instant `now` in an IANA time zone. The clock is a parameter so
 * the caller (and every test) decides what "now" is.
 *
 * @example
 * ```ts
 * todayIn("Europe/Oslo", new Date("2024-06-30T22:30:00Z")); // "2024-07-01" (00:30 in Oslo, summer time)
 * todayIn("Europe/Oslo", new Date("2024-01-15T22:30:00Z")); // "2024-01-15" (23:30 in Oslo, winter time)
 * ```
 */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const time = now.getTime();
  if (Number.isNaN(time)) throw new RangeError("now is an invalid Date");
  // Every zone's offset is a whole number of minutes since 1972, so the date changes only at the
  // start of a UTC minute: within one, the answer of the last call holds.
  const minute = Math.floor(time / 60_000);
  const last = lastToday.get(timeZone);
  if (last !== undefined && last.minute === minute && time >= WHOLE_MINUTE_OFFSETS_SINCE) return last.date;
  const date = computeTodayIn(timeZone, now);
  lastToday.set(timeZone, { minute, date });
  return date;
}

const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1972, 0, 1);
const lastToday = new Map<string, { minute: number; date: CalendarDate }>();

function computeTodayIn(timeZone: string, now: Date): CalendarDate {
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  for (const part of formatterFor(timeZone).formatToParts(now)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
  }
  const parts = partsOf(format({ year, month, day }));
  if (parts === null) throw new RangeError(`No calendar date for ${now.toISOString()} in ${timeZone}`);
  return format(parts);
}
