import { DataError, type Place } from './errors.js';
import { parseSsdaDate } from './dates.js';
import type { DataQuality } from './quality.js';
import { civilFromDay } from '@carecast/engine';

/** How a file writes slash dates: `DD/MM/YYYY` (the SSDA903 form) or `MM/DD/YYYY` (a spreadsheet's US locale). */
export type DateOrder = 'day-first' | 'month-first';

/** Excel's 1900 date system: serial 25569 is 1970-01-01 (day 0); serials before 61 meet Excel's 1900 leap-year bug. */
const EXCEL_EPOCH = 25569;
const EXCEL_SERIAL = /^(\d{5})(?:\.0+)?$/;
/** Rows held back while a file's date order is still unknown (a real return shows a day above 12 within a few rows). */
export const MAX_UNDECIDED_ROWS = 100_000;

/**
 * Slash dates from which a file with no day above 12 is worth a warning: in real returns a few dozen
 * dates always show one, so a tiny file is read day-first (the SSDA903 form) without comment.
 */
const AMBIGUOUS_MIN_DATES = 20;

const twoDigits = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
};

/**
 * The dates of one file. Slash dates are day-first unless the values show otherwise: a value with a day
 * above 12 in the second field and none with one in the first makes the file month-first (read so, with a
 * warning); a file with both is refused (DataError at the value that contradicts the rest). Excel serial
 * day numbers are converted with a warning.
 */
export class FileDates {
  order: DateOrder | null = null;
  private dayFirstAt: { place: Place; text: string } | null = null;
  private monthFirstAt: { place: Place; text: string } | null = null;
  private slashDates = 0;
  private serials = 0;
  private firstSerial: { place: Place; text: string } | null = null;

  constructor(
    readonly file: string,
    private readonly quality: DataQuality,
  ) {}

  /** Looks at one date cell for evidence of its order; throws a DataError when the file mixes orders. */
  observe(text: string, row: number, col: number, column: string): void {
    if (text.length !== 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return;
    this.slashDates++;
    const a = twoDigits(text, 0);
    const b = twoDigits(text, 3);
    if (a > 12 && b <= 12) {
      if (this.dayFirstAt === null) {
        this.dayFirstAt = { place: { file: this.file, row, col }, text: shown(column, text) };
        this.check();
      }
    } else if (b > 12 && a <= 12) {
      if (this.monthFirstAt === null) {
        this.monthFirstAt = { place: { file: this.file, row, col }, text: shown(column, text) };
        this.check();
      }
    }
  }

  private check(): void {
    const d = this.dayFirstAt;
    const m = this.monthFirstAt;
    if (d && m) {
      const [later, earlier] = d.place.row >= m.place.row ? [d, m] : [m, d];
      throw new DataError(
        this.file,
        later.place.row,
        later.place.col,
        `${later.text} reads only ${later === d ? 'day-first' : 'month-first'}, but ${earlier.text} at row ${earlier.place.row} reads only ` +
          `${earlier === d ? 'day-first' : 'month-first'}: the file mixes date orders; expected every date as DD/MM/YYYY (or YYYY-MM-DD)`,
      );
    }
    if (m && this.order === 'day-first' && d === null) {
      // Settled day-first for want of evidence, then a month-first value: rows before it may be misread.
      throw new DataError(
        this.file,
        m.place.row,
        m.place.col,
        `${m.text} reads only month-first, but the dates before it were read day-first (none had a day above 12 in either field): ` +
          'the file mixes date forms; expected every date as DD/MM/YYYY (or YYYY-MM-DD)',
      );
    }
    if (m && this.order === null) {
      this.order = 'month-first';
      this.quality.warn(
        'month-first-dates',
        m.place,
        `dates are month-first (MM/DD/YYYY): ${m.text} has a day above 12 in the second field and no date has one in the first; read as month/day/year (expected DD/MM/YYYY)`,
      );
    } else if (d && this.order === null) this.order = 'day-first';
  }

  /** Slash dates looked at so far: without any, the order of slash dates cannot matter yet. */
  get slashSeen(): number {
    return this.slashDates;
  }

  /** Settles the order when the file gave no evidence (no day above 12 anywhere): day-first, with a warning. */
  settle(): void {
    if (this.order !== null) return;
    this.order = 'day-first';
    if (this.slashDates >= AMBIGUOUS_MIN_DATES) {
      this.quality.warn('ambiguous-dates', { file: this.file, row: 0, col: 0 }, `no date has a day above 12, so day-first and month-first read alike; read as DD/MM/YYYY`);
    }
  }

  /** After the last row: one warning for the Excel serial day numbers the file held, with the first. */
  report(): void {
    const f = this.firstSerial;
    if (f === null) return;
    this.quality.warn(
      'excel-serial-date',
      f.place,
      `${this.serials} dates are Excel serial day numbers, the first ${f.text}: read as days since 30/12/1899 (Excel's 1900 date system); ` +
        'expected DD/MM/YYYY (format date columns as text before saving)',
    );
  }

  /** Day number of a date cell in this file's order; NaN when it is no date. */
  parse(text: string, row: number, col: number, column: string): number {
    if (this.order === 'month-first' && text.length === 10 && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47) {
      this.observe(text, row, col, column);
      return parseSsdaDate(`${text.slice(3, 5)}/${text.slice(0, 2)}/${text.slice(6)}`);
    }
    if (this.dayFirstAt === null || this.monthFirstAt === null) this.observe(text, row, col, column);
    const day = parseSsdaDate(text);
    if (day === day || text.length > 8) return day;
    const serial = EXCEL_SERIAL.exec(text);
    if (!serial) return NaN;
    const converted = Number(serial[1]) - EXCEL_EPOCH;
    this.serials++;
    if (this.firstSerial === null) {
      const [y, m, d] = civilFromDay(converted);
      this.firstSerial = { place: { file: this.file, row, col }, text: column === 'DOB' ? `${column} (value withheld: personal data)` : `${column} ${text} (${pad(d)}/${pad(m)}/${y})` };
    }
    return converted;
  }
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const shown = (column: string, text: string): string => (column === 'DOB' ? `${column} (value withheld: personal data)` : `${column} "${text}"`);
