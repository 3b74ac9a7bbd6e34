/** Time is injected everywhere so tests can move it instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Real time shifted by an offset that tests can move: services started for end-to-end tests run
 * on it (MOTCUA_TEST_CLOCK=on) so a dossier's life can be walked through weeks in seconds.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, `now()` continues from this instant. */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
