import { loadCalendar } from "../src/clock/calendar-schema.js";
import { compileCalendar } from "../src/clock/business-calendar.js";
import { parseInstant } from "../src/clock/instant.js";
const cal = compileCalendar(loadCalendar(`timezone: Asia/Shanghai\nregion: CN\nhours:\n  mon: ["09:00-18:00"]\n  tue: ["09:00-18:00"]\n  wed: ["09:00-18:00"]\n  thu: ["09:00-18:00"]\n  fri: ["09:00-18:00"]\n`, "cn.yaml"));
console.log(cal.format(cal.add(parseInstant("2025-01-24T18:30:00+08:00", "x"), 240)));
console.log(cal.between(parseInstant("2025-01-24T09:00:00+08:00", "x"), parseInstant("2025-01-27T09:00:00+08:00", "x")));
console.log(cal.format(cal.add(parseInstant("2025-01-24T17:00:00+08:00", "x"), 60)));
console.log(cal.format(cal.add(parseInstant("2025-01-24T18:00:00+08:00", "x"), 0)));
console.log(cal.format(cal.addBusinessDays(parseInstant("2025-01-24T10:00:00+08:00", "x"), 1)));
try { cal.add(parseInstant("2031-01-24T10:00:00+08:00", "x"), 1) } catch (e) { console.log((e as Error).message) }
const ny = compileCalendar(loadCalendar(`timezone: America/New_York\nhours:\n  sun: ["00:00-06:00"]\n`, "ny"));
console.log(ny.between(parseInstant("2025-03-09T00:00:00-05:00","x"), parseInstant("2025-03-10T00:00:00-04:00","x")));
console.log(ny.between(parseInstant("2025-11-02T00:00:00-04:00","x"), parseInstant("2025-11-03T00:00:00-05:00","x")));
for (const bad of [`timezone: Mars/Base\n`, `timezone: UTC\nhours:\n  sun: ["22:00-26:00"]\n`, `timezone: UTC\nhours:\n  mon: ["09:00-12:00", "11:00-13:00"]\n`, `timezone: UTC\nholidays: ["2025-02-30"]\n`, `timezone: UTC\nfoo: 1\n`]) {
  try { loadCalendar(bad, "c.yaml"); console.log("no error!") } catch (e) { console.log((e as Error).message) }
}
