import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests can move time without touching the system clock. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test hook: shift this process's notion of now. */
  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** Today's date (YYYY-MM-DD) in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
