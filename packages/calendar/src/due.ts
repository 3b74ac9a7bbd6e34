import { instantAt, localDayNumberOf, localMsOfDay, MS_PER_DAY } from './local-time.js';
import type { DueOptions, Exclusion, TimeLimit } from './types.js';

/** What the due-time rules need from the day calendar; days are day numbers, times ms of the local day. */
export interface DueContext {
  isWorking(n: number): boolean;
  nextWorking(n: number): number;
  addWorking(n: number, k: number): number;
  /** [start, end) of the morning and afternoon sessions. */
  sessions: readonly (readonly [number, number])[];
  cutoff: number;
}

const MS_PER_HOUR = 3_600_000;

const dayEnd = (ctx: DueContext) => ctx.sessions[ctx.sessions.length - 1]![1];
const dayStart = (ctx: DueContext) => ctx.sessions[0]![0];
const dayLength = (ctx: DueContext) => ctx.sessions.reduce((sum, [s, e]) => sum + (e - s), 0);

/**
 * The day a period counts from. Received on a non-working day, or after the end of the working
 * day (after the cut-off when it applies), the reception day is the next working day. Boundaries
 * are inclusive: 15:00:00.000 is still "by 15:00".
 */
export function receptionDayNumber(ctx: DueContext, receivedAt: Date, cutoffApplies: boolean): number {
  const day = localDayNumberOf(receivedAt);
  const limit = cutoffApplies ? ctx.cutoff : dayEnd(ctx);
  return ctx.isWorking(day) && localMsOfDay(receivedAt) <= limit ? day : ctx.nextWorking(day);
}

/** Sorted, merged exclusions clipped to start at `from`: overlaps are not counted twice. */
function mergedExclusions(exclusions: readonly Exclusion[], from: number): [number, number][] {
  for (const e of exclusions) {
    if (!(e.from.getTime() <= e.to.getTime()))
      throw new RangeError('An exclusion must be valid dates with from <= to');
  }
  const spans = exclusions
    .map((e): [number, number] => [Math.max(e.from.getTime(), from), e.to.getTime()])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Working time (ms) that the spans cover: only working days and only inside the sessions. */
function coveredWorkingMs(ctx: DueContext, spans: readonly [number, number][]): number {
  let total = 0;
  for (const [a, b] of spans) {
    for (let n = localDayNumberOf(new Date(a)); n <= localDayNumberOf(new Date(b)); n++) {
      if (!ctx.isWorking(n)) continue;
      for (const [s, e] of ctx.sessions) {
        const from = Math.max(a, instantAt(n, s).getTime());
        const to = Math.min(b, instantAt(n, e).getTime());
        if (to > from) total += to - from;
      }
    }
  }
  return total;
}

/** Walks `ms` of working time forward from `start` (already inside or at the edge of working time). */
function addWorkingTime(ctx: DueContext, day: number, msOfDay: number, ms: number): Date {
  let n = day;
  let pos = msOfDay;
  let rest = ms;
  for (;;) {
    for (const [s, e] of ctx.sessions) {
      if (e <= pos && !(rest === 0 && e === pos)) continue;
      const from = Math.max(pos, s);
      if (rest <= e - from) return instantAt(n, from + rest);
      rest -= e - from;
      pos = e;
    }
    n = ctx.nextWorking(n);
    pos = 0;
  }
}

function checkLimit(limit: TimeLimit): void {
  const { value, unit } = limit;
  if (unit === 'same_day') return;
  const ok =
    unit === 'working_hours' ? Number.isFinite(value) && value >= 0 : Number.isInteger(value) && value >= 0;
  if (!ok) throw new RangeError(`Invalid limit ${value} ${unit}`);
}

/**
 * Due time (Civil Code 2015 Arts 147–148). Day limits end at the end of working hours of the
 * N-th working (or calendar) day after the reception day. Exclusions pause the clock from the
 * day after reception (day limits) or from the start of counting (hours):
 * - working_days / same_day: the working time they cover, rounded UP to whole working days
 *   (a paused half-day costs a whole day: the agency is never shown late because of rounding);
 * - calendar_days: the wall-clock time they cover, rounded up to whole calendar days;
 * - working_hours: exactly the working time they cover.
 */
export function computeDueAt(
  ctx: DueContext,
  receivedAt: Date,
  limit: TimeLimit,
  options: DueOptions = {},
): Date {
  checkLimit(limit);
  const exclusions = options.exclusions ?? [];
  const cutoffApplies = limit.unit === 'same_day' || options.cutoffApplies === true;
  const end = dayEnd(ctx);

  if (limit.unit === 'working_hours') {
    let day = localDayNumberOf(receivedAt);
    let pos = localMsOfDay(receivedAt);
    const late = pos > (options.cutoffApplies ? ctx.cutoff : end);
    if (!ctx.isWorking(day) || late) {
      day = ctx.nextWorking(day);
      pos = dayStart(ctx);
    }
    pos = Math.max(pos, dayStart(ctx));
    const paused = coveredWorkingMs(ctx, mergedExclusions(exclusions, instantAt(day, pos).getTime()));
    return addWorkingTime(ctx, day, pos, limit.value * MS_PER_HOUR + paused);
  }

  const reception = receptionDayNumber(ctx, receivedAt, cutoffApplies);
  const spans = mergedExclusions(exclusions, instantAt(reception + 1, 0).getTime());
  if (limit.unit === 'calendar_days') {
    const pausedDays = Math.ceil(spans.reduce((sum, [a, b]) => sum + (b - a), 0) / MS_PER_DAY);
    const last = reception + limit.value + pausedDays;
    return instantAt(ctx.isWorking(last) ? last : ctx.nextWorking(last), end);
  }
  const pausedDays = Math.ceil(coveredWorkingMs(ctx, spans) / dayLength(ctx));
  const days = limit.unit === 'same_day' ? 0 : limit.value;
  return instantAt(ctx.addWorking(reception, days + pausedDays), end);
}

/** Decree 61/2018 Art 18: by the end of the same working day if received by the cut-off, else at the start of the next. */
export function computeTransferAt(ctx: DueContext, receivedAt: Date): Date {
  const day = localDayNumberOf(receivedAt);
  if (ctx.isWorking(day) && localMsOfDay(receivedAt) <= ctx.cutoff) return instantAt(day, dayEnd(ctx));
  return instantAt(ctx.nextWorking(day), dayStart(ctx));
}
