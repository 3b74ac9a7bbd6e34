import {
  type CalendarYear,
  type Clock,
  computeDefaultYear,
  createCalendar,
  DEFAULT_CUTOFF,
  DEFAULT_WORKING_HOURS,
  type LocalDay,
  OFFICIAL_CALENDAR_YEARS,
  type WorkingCalendar,
} from '@motcua/calendar';
import { DomainError } from '@motcua/contracts';
import { updateProjection } from '@motcua/eventstore';
import type { Logger } from '@motcua/logger';
import { type Directory, ORGANISATION } from '@motcua/organisation';
import type { Collection, Db } from 'mongodb';
import {
  type CenterHours,
  type CenterHoursInput,
  invalidInput,
  parseCenterHours,
  parseYearOverride,
  type YearOverrideInput,
  yearIssues,
} from '../domain/calendar-overrides.js';

/** One published version of a year's official overrides; never rewritten once stored. */
export interface YearVersion {
  version: number;
  daysOff: LocalDay[];
  workingSaturdays: LocalDay[];
  source: string;
  /** The administrator's user id, or `seed` for the official schedules shipped with the system. */
  publishedBy: string;
  publishedAt: string;
}

/** One published version of a center's working hours and cut-off. */
export interface HoursVersion {
  version: number;
  morning: [Clock, Clock];
  afternoon: [Clock, Clock];
  cutoff: Clock;
  publishedBy: string;
  publishedAt: string;
}

/** `calendar_years` (`_id` = year) and `center_working_hours` (`_id` = centerId): every version kept. */
interface Versioned<T> {
  currentVersion: number;
  versions: T[];
}

export interface YearView {
  year: number;
  /** True when no override was ever published: the Labour Code default computed for the year. */
  computed: boolean;
  currentVersion: number;
  current: Omit<YearVersion, 'publishedBy' | 'publishedAt'> & Partial<YearVersion>;
  versions: YearVersion[];
}

export interface HoursView {
  centerId: string;
  /** True when the center never published its own hours: the system defaults apply. */
  isDefault: boolean;
  currentVersion: number;
  current: Omit<HoursVersion, 'publishedBy' | 'publishedAt'> & Partial<HoursVersion>;
  versions: HoursVersion[];
}

export interface SeedYearsReport {
  published: number[];
  unchanged: number[];
}

const SEED_PUBLISHER = 'seed';
const empty = <T>(): Versioned<T> => ({ currentVersion: 0, versions: [] });
const currentOf = <T extends { version: number }>(doc: Versioned<T>): T | undefined =>
  doc.versions.find((v) => v.version === doc.currentVersion);

/**
 * The working-day calendar's administrable data: per-year official overrides and per-center working
 * hours, each one document by `_id` holding every version (ADR 0002: single-document atomicity,
 * written by `updateProjection`'s revision compare-and-set). Publishing adds a version and makes it
 * current; published versions are never rewritten.
 */
export class CalendarRepository {
  private readonly years: Collection<Versioned<YearVersion> & { _id: string; revision: number }>;
  private readonly hours: Collection<Versioned<HoursVersion> & { _id: string; revision: number }>;

  constructor(
    db: Db,
    private readonly org: Directory = ORGANISATION,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.years = db.collection('calendar_years');
    this.hours = db.collection('center_working_hours');
  }

  /**
   * Stores each official schedule as version 1 of its year when the year has no document yet.
   * Idempotent; a year already stored (seeded or edited by an administrator) is left as it is.
   */
  async seedYears(years: readonly CalendarYear[] = OFFICIAL_CALENDAR_YEARS): Promise<SeedYearsReport> {
    const report: SeedYearsReport = { published: [], unchanged: [] };
    for (const y of years) {
      let published = false;
      await updateProjection(this.years, String(y.year), empty<YearVersion>, (doc) => {
        if (doc.versions.length > 0) return doc;
        published = true;
        return {
          currentVersion: 1,
          versions: [
            {
              version: 1,
              daysOff: [...y.daysOff],
              workingSaturdays: [...y.workingSaturdays],
              source: y.source,
              publishedBy: SEED_PUBLISHER,
              publishedAt: this.now().toISOString(),
            },
          ],
        };
      });
      report[published ? 'published' : 'unchanged'].push(y.year);
    }
    return report;
  }

  /** Publishes a new version of a year's overrides (validated first: nothing is written on a problem). */
  async publishYear(year: number, input: YearOverrideInput, publishedBy: string): Promise<YearView> {
    const value = parseYearOverride(year, input);
    await updateProjection(this.years, String(year), empty<YearVersion>, (doc): Versioned<YearVersion> => {
      const version = Math.max(0, ...doc.versions.map((v) => v.version)) + 1;
      return {
        currentVersion: version,
        versions: [
          ...doc.versions,
          {
            version,
            daysOff: [...value.daysOff],
            workingSaturdays: [...value.workingSaturdays],
            source: value.source,
            publishedBy,
            publishedAt: this.now().toISOString(),
          },
        ],
      };
    });
    return this.year(year);
  }

  /** The overrides in force for a year with every version; the computed default when there are none. */
  async year(year: number): Promise<YearView> {
    const issues = yearIssues(year);
    if (issues.length > 0) throw invalidInput(issues, { year });
    const doc = await this.years.findOne({ _id: String(year) });
    const current = doc ? currentOf(doc) : undefined;
    if (doc && current) {
      return { year, computed: false, currentVersion: doc.currentVersion, current, versions: doc.versions };
    }
    const computed = computeDefaultYear(year);
    return {
      year,
      computed: true,
      currentVersion: 0,
      current: {
        version: 0,
        daysOff: [...computed.daysOff],
        workingSaturdays: [...computed.workingSaturdays],
        source: computed.source,
      },
      versions: [],
    };
  }

  /** The current version of every year with overrides, as the calendar reads them. */
  async currentYears(): Promise<CalendarYear[]> {
    // A small collection (one document per year), read whole on each refresh.
    const docs = await this.years.find({}).toArray();
    return docs.flatMap((doc) => {
      const current = currentOf(doc);
      if (!current) return [];
      return [
        {
          year: Number(doc._id),
          daysOff: current.daysOff,
          workingSaturdays: current.workingSaturdays,
          source: current.source,
          status: 'confirmed' as const,
        },
      ];
    });
  }

  private centerExists(centerId: string): boolean {
    return this.org.data.centers.some((c) => c.centerId === centerId);
  }

  /** Publishes a new version of a center's working hours and cut-off (validated first). */
  async publishWorkingHours(
    centerId: string,
    input: CenterHoursInput,
    publishedBy: string,
  ): Promise<HoursView> {
    const value = parseCenterHours(centerId, this.centerExists(centerId), input);
    await updateProjection(this.hours, centerId, empty<HoursVersion>, (doc): Versioned<HoursVersion> => {
      const version = Math.max(0, ...doc.versions.map((v) => v.version)) + 1;
      return {
        currentVersion: version,
        versions: [
          ...doc.versions,
          {
            version,
            morning: [value.workingHours.morning[0], value.workingHours.morning[1]],
            afternoon: [value.workingHours.afternoon[0], value.workingHours.afternoon[1]],
            cutoff: value.cutoff,
            publishedBy,
            publishedAt: this.now().toISOString(),
          },
        ],
      };
    });
    return this.workingHours(centerId);
  }

  /** A center's working hours in force with every version; the defaults when it never published any. */
  async workingHours(centerId: string): Promise<HoursView> {
    if (!this.centerExists(centerId)) {
      throw new DomainError('NOT_FOUND', {
        details: { centerId },
        messages: { vi: 'Không tìm thấy Trung tâm', en: 'Center not found' },
      });
    }
    const doc = await this.hours.findOne({ _id: centerId });
    const current = doc ? currentOf(doc) : undefined;
    if (doc && current) {
      return {
        centerId,
        isDefault: false,
        currentVersion: doc.currentVersion,
        current,
        versions: doc.versions,
      };
    }
    return {
      centerId,
      isDefault: true,
      currentVersion: 0,
      current: {
        version: 0,
        morning: [DEFAULT_WORKING_HOURS.morning[0], DEFAULT_WORKING_HOURS.morning[1]],
        afternoon: [DEFAULT_WORKING_HOURS.afternoon[0], DEFAULT_WORKING_HOURS.afternoon[1]],
        cutoff: DEFAULT_CUTOFF,
      },
      versions: [],
    };
  }

  /** The current hours of every center that published its own. */
  async currentWorkingHours(): Promise<Map<string, CenterHours>> {
    const docs = await this.hours.find({}).toArray();
    const out = new Map<string, CenterHours>();
    for (const doc of docs) {
      const current = currentOf(doc);
      if (current) {
        out.set(doc._id, {
          workingHours: { morning: current.morning, afternoon: current.afternoon },
          cutoff: current.cutoff,
        });
      }
    }
    return out;
  }
}

/**
 * Where routing gets the calendar of a center (synchronous: deciders are pure). `legalCutoff` is the
 * transfer cut-off of the dossier's rulebook, used where the center published no hours of its own.
 */
export type CalendarFor = (centerId?: string, legalCutoff?: Clock) => WorkingCalendar;

export const CALENDAR_REFRESH_MS = 60_000;

/** What the provider reads: the current versions (the repository; a fake in unit tests). */
export type CurrentCalendarData = Pick<CalendarRepository, 'currentYears' | 'currentWorkingHours'>;

/**
 * The calendars built from the CURRENT versions, cached in memory: rebuilt after a publish on this
 * instance and every `CALENDAR_REFRESH_MS` (other instances' publications). Until the first refresh
 * it answers the official schedules with the default hours, as routing did before.
 *
 * A dossier already routed keeps the due times computed when it was routed (they are in its events);
 * a new version only applies to computations made after it is loaded.
 */
export class CalendarProvider {
  private years: readonly CalendarYear[] = OFFICIAL_CALENDAR_YEARS;
  private hours = new Map<string, CenterHours>();
  private readonly calendars = new Map<string, WorkingCalendar>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private requested = 0;
  private applied = 0;

  constructor(
    private readonly repository: CurrentCalendarData,
    private readonly logger?: Logger,
  ) {}

  readonly calendarFor: CalendarFor = (centerId, legalCutoff) => {
    const published = (centerId && this.hours.get(centerId)) || undefined;
    const hours =
      published ??
      (legalCutoff && legalCutoff !== DEFAULT_CUTOFF
        ? { workingHours: DEFAULT_WORKING_HOURS, cutoff: legalCutoff }
        : undefined);
    const key = hours
      ? `${hours.workingHours.morning.join('-')}|${hours.workingHours.afternoon.join('-')}|${hours.cutoff}`
      : 'default';
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = createCalendar({
        years: this.years,
        computeMissingYears: true,
        ...(hours ? { workingHours: hours.workingHours, cutoff: hours.cutoff } : {}),
      });
      this.calendars.set(key, calendar);
    }
    return calendar;
  };

  /** Reloads the current versions; a refresh that finishes after a newer one is dropped. */
  async refresh(): Promise<void> {
    const ticket = ++this.requested;
    const [years, hours] = await Promise.all([
      this.repository.currentYears(),
      this.repository.currentWorkingHours(),
    ]);
    if (ticket < this.applied) return;
    // Built once here so broken data fails the refresh (the previous calendars stay), not a dossier.
    createCalendar({ years, computeMissingYears: true });
    this.applied = ticket;
    this.years = years;
    this.hours = hours;
    this.calendars.clear();
  }

  start(intervalMs = CALENDAR_REFRESH_MS): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) =>
        this.logger?.warn({ err }, 'calendar refresh failed; the previous calendar stays in use'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
