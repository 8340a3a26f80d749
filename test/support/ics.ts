export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A small RFC 5545 reader for tests: unfolds lines and answers each VEVENT's properties. */
export function parseIcsEvents(text: string): Map<string, IcsProperty>[] {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const events: Map<string, IcsProperty>[] = [];
  let current: Map<string, IcsProperty> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const [name, ...params] = line.slice(0, colon).split(';');
      current.set(name, {
        name,
        params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
        value: line.slice(colon + 1),
      });
    }
  }
  return events;
}

/** The calendar-level properties (outside events), e.g. METHOD and VERSION. */
export function parseIcsCalendar(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let depth = 0;
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    if (line.startsWith('BEGIN:')) depth++;
    else if (line.startsWith('END:')) depth--;
    else if (depth === 1) {
      const colon = line.indexOf(':');
      out[line.slice(0, colon).split(';')[0]] = line.slice(colon + 1);
    }
  }
  return out;
}
