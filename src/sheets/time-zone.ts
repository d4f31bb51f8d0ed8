// Times in a stated IANA zone. An Excel date cell holds a wall-clock time with no zone, so the
// writers put the wall-clock time of a chosen zone in it and name the zone in the column's header
// ("Статус до (Europe/Moscow)"); the import reads the zone back from that header.

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** An IANA zone name this Node knows ("Europe/Moscow", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling ("europe/moscow" -> "Europe/Moscow"). */
export function canonicalTimeZone(name: string): string {
  return formatterFor(name).resolvedOptions().timeZone;
}

/** The machine's own zone (TZ, else the system's), "UTC" when it has none. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function wallClockOf(instant: Date, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function utcOf(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** A Date whose UTC fields are the wall-clock time in `zone` (what an Excel cell can hold). */
export function wallClockDate(instant: Date, zone: string): Date {
  const seconds = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return new Date(utcOf(wallClockOf(seconds, zone)));
}

/** The instant a wall-clock time in `zone` stands for (a time skipped by a clock change moves forward). */
export function instantOfWallClock(clock: WallClock, zone: string): Date {
  const wanted = utcOf(clock);
  // The zone's offset at a guess, then at the corrected guess (the offset may differ across a change).
  let guess = wanted - (utcOf(wallClockOf(new Date(wanted), zone)) - wanted);
  guess = wanted - (utcOf(wallClockOf(new Date(guess), zone)) - guess);
  return new Date(guess);
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** '2026-12-01 15:00:00': the wall-clock time in `zone`, as CSV files carry it. */
export function wallClockText(instant: Date, zone: string): string {
  const clock = wallClockOf(instant, zone);
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)} ${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
}

/** A time column's header naming its zone: "Статус до (Europe/Moscow)". */
export function zonedHeader(header: string, zone: string): string {
  return `${header} (${zone})`;
}

/** "Статус до (Europe/Moscow)" -> the header without the zone and the zone; a header naming no known zone is itself. */
export function splitZonedHeader(header: string): { name: string; zone?: string } {
  const match = /^(.*\S)\s*\(\s*([A-Za-z][A-Za-z0-9_+\-/]*)\s*\)\s*$/.exec(header);
  if (!match || !isTimeZone(match[2]!)) return { name: header };
  return { name: match[1]!, zone: canonicalTimeZone(match[2]!) };
}
