import { DateTime } from 'luxon';


/** Easter Sunday of a year (Gregorian computus, Meeus/Jones/Butcher), as yyyy-MM-dd. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }).toISODate()!;
}

/** Norway's public holidays (helligdager and 1 and 17 May) of a year, as a map from yyyy-MM-dd to name. */
export function norwegianHolidays(year: number): Map<string, string> {
  const easter = DateTime.fromISO(easterSunday(year));
  const fromEaster = (days: number) => easter.plus({ days }).toISODate()!;
  const fixed = (month: number, day: number) => DateTime.fromObject({ year, month, day }).toISODate()!;
  const days: Array<[string, string]> = [
    [fixed(1, 1), 'Første nyttårsdag'],
    [fromEaster(-3), 'Skjærtorsdag'],
    [fromEaster(-2), 'Langfredag'],
    [fromEaster(0), 'Første påskedag'],
    [fromEaster(1), 'Andre påskedag'],
    [fixed(5, 1), 'Offentlig høytidsdag'],
    [fixed(5, 17), 'Grunnlovsdag'],
    [fromEaster(39), 'Kristi himmelfartsdag'],
    [fromEaster(49), 'Første pinsedag'],
    [fromEaster(50), 'Andre pinsedag'],
    [fixed(12, 25), 'Første juledag'],
    [fixed(12, 26), 'Andre juledag'],
  ];
  // Two holidays can share a day (17 May was also Whit Monday in 2027): keep both names.
  const holidays = new Map<string, string>();
  for (const [date, name] of days) holidays.set(date, holidays.has(date) ? `${holidays.get(date)} / ${name}` : name);
  return holidays;
}

/** The holiday's name when the date (yyyy-MM-dd) is a Norwegian public holiday. */
export function holidayOn(date: string): string | undefined {
  return norwegianHolidays(Number(date.slice(0, 4))).get(date);
}
