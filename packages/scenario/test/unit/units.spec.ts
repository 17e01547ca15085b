import { describe, expect, it } from 'vitest';
import { parseDuration, parseMoneyPerWeek, parseMonths, parsePercentage, parseRatePerYear } from '../../src/compile/units.js';

const value = (r: { ok: boolean; value?: number }) => (r.ok ? r.value : undefined);

describe('units', () => {
  it('parsePercentage reads 25% and plain fractions as the same fraction', () => {
    expect(value(parsePercentage('25%', 'cut'))).toBe(0.25);
    expect(value(parsePercentage(0.25, 'cut'))).toBe(0.25);
    expect(value(parsePercentage('-20%', 'change'))).toBeCloseTo(-0.2);
  });
  it('parsePercentage rejects a cut over 100% and hints that plain numbers are fractions', () => {
    const r = parsePercentage('125%', 'cut');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/125% is more than 100%/);
    const plain = parsePercentage(25, 'probability');
    expect(!plain.ok && plain.message).toMatch(/write 25%/);
  });
  it('parsePercentage rejects a change below -100% and a negative share', () => {
    expect(parsePercentage('-150%', 'change').ok).toBe(false);
    expect(parsePercentage('-1%', 'share').ok).toBe(false);
    expect(parsePercentage('25 percent', 'share').ok).toBe(false);
  });
  it('parseRatePerYear converts per month, week and day to per year', () => {
    expect(value(parseRatePerYear('17 per month'))).toBe(204);
    expect(value(parseRatePerYear('1 per day'))).toBe(365.25);
    expect(value(parseRatePerYear('7 per week'))).toBeCloseTo(365.25);
    expect(value(parseRatePerYear(200))).toBe(200);
    expect(parseRatePerYear('-3 per year').ok).toBe(false);
    expect(value(parseRatePerYear('-3 per year', true))).toBe(-3);
    expect(parseRatePerYear('200 a fortnight').ok).toBe(false);
  });
  it('parseMoneyPerWeek reads pounds with separators and converts per year and per day to per week', () => {
    expect(value(parseMoneyPerWeek('£820 per week'))).toBe(820);
    expect(value(parseMoneyPerWeek('£4,750 per week'))).toBe(4750);
    expect(value(parseMoneyPerWeek('£42,640 per year'))).toBeCloseTo((42640 / 365.25) * 7);
    expect(value(parseMoneyPerWeek('£100 per day'))).toBe(700);
    expect(value(parseMoneyPerWeek(650))).toBe(650);
    expect(parseMoneyPerWeek('4500 pounds').ok).toBe(false);
    expect(parseMoneyPerWeek('£4,75 per week').ok).toBe(false);
  });
  it('parseDuration and parseMonths read days, weeks, months and years', () => {
    expect(value(parseDuration('750 days', 'day'))).toBe(750);
    expect(value(parseDuration('2 years', 'day'))).toBe(730.5);
    expect(value(parseDuration(90, 'day'))).toBe(90);
    expect(value(parseMonths('1 year'))).toBe(12);
    expect(value(parseMonths(6))).toBeCloseTo(6);
    expect(parseDuration('750 dayz', 'day').ok).toBe(false);
  });
});
