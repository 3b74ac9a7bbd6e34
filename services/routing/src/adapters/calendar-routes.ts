import { errorResponseSchema, type HttpApp } from '@motcua/http';
import { actorHeadersSchema, actorOf } from '@motcua/runtime';
import type { CenterHoursInput, YearOverrideInput } from '../domain/calendar-overrides.js';
import type { CalendarProvider, CalendarRepository } from './calendar-repository.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const days = { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 20 } } as const;
const clock = { type: 'string', maxLength: 10, description: 'HH:MM, local time (UTC+07:00)' } as const;
const session = { type: 'array', maxItems: 10, items: clock } as const;
const yearVersion = {
  type: 'object',
  properties: {
    version: int,
    daysOff: { type: 'array', items: str },
    workingSaturdays: { type: 'array', items: str },
    source: str,
    publishedBy: str,
    publishedAt: str,
  },
} as const;
const yearView = {
  type: 'object',
  properties: {
    year: int,
    computed: {
      type: 'boolean',
      description: 'no override published: the Labour Code default computed for the year',
    },
    currentVersion: int,
    current: yearVersion,
    versions: { type: 'array', items: yearVersion },
  },
} as const;
const hoursVersion = {
  type: 'object',
  properties: {
    version: int,
    morning: session,
    afternoon: session,
    cutoff: clock,
    publishedBy: str,
    publishedAt: str,
  },
} as const;
const hoursView = {
  type: 'object',
  properties: {
    centerId: str,
    isDefault: { type: 'boolean', description: 'the center never published its own hours' },
    currentVersion: int,
    current: hoursVersion,
    versions: { type: 'array', items: hoursVersion },
  },
} as const;
const yearParams = {
  type: 'object',
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^\\d{4}$' } },
} as const;
const centerParams = {
  type: 'object',
  required: ['centerId'],
  properties: { centerId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/**
 * The working-day calendar an administrator keeps: per-year official overrides (national, system
 * administrators) and per-center working hours with the cut-off (that center's administrator).
 * Each PUT publishes a new version; the calendars routing computes with are rebuilt right away.
 */
export function calendarRoutes(repository: CalendarRepository, provider: CalendarProvider) {
  return async (http: HttpApp) => {
    http.get<{ Params: { year: string } }>(
      '/calendar/years/:year',
      {
        schema: {
          summary: "A year's days off and swapped working Saturdays in force, with every published version",
          tags: ['calendar'],
          params: yearParams,
          response: { 200: yearView, ...errors },
        },
      },
      async (request) => repository.year(Number(request.params.year)),
    );

    http.put<{ Params: { year: string }; Body: YearOverrideInput }>(
      '/calendar/years/:year',
      {
        schema: {
          summary:
            "Publish a new version of a year's official overrides (days off on weekdays; working Saturdays count as working days)",
          tags: ['calendar'],
          headers: actorHeadersSchema,
          params: yearParams,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['daysOff', 'workingSaturdays', 'source'],
            properties: {
              daysOff: { ...days, description: 'weekdays off, YYYY-MM-DD (holidays, nghỉ bù, swapped days)' },
              workingSaturdays: { ...days, description: 'Saturdays worked (làm bù), YYYY-MM-DD' },
              source: { type: 'string', maxLength: 1000, description: 'the official notice' },
            },
          },
          response: { 200: yearView, ...errors },
        },
      },
      async (request) => {
        const view = await repository.publishYear(
          Number(request.params.year),
          request.body,
          actorOf(request).userId,
        );
        await provider.refresh();
        return view;
      },
    );

    http.get<{ Params: { centerId: string } }>(
      '/centers/:centerId/working-hours',
      {
        schema: {
          summary: "A center's working hours and cut-off in force, with every published version",
          tags: ['calendar'],
          params: centerParams,
          response: { 200: hoursView, ...errors },
        },
      },
      async (request) => repository.workingHours(request.params.centerId),
    );

    http.put<{ Params: { centerId: string }; Body: CenterHoursInput }>(
      '/centers/:centerId/working-hours',
      {
        schema: {
          summary: "Publish a new version of a center's working hours and cut-off",
          tags: ['calendar'],
          headers: actorHeadersSchema,
          params: centerParams,
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['morning', 'afternoon', 'cutoff'],
            properties: {
              morning: { ...session, description: '[start, end], e.g. ["07:30", "11:30"]' },
              afternoon: { ...session, description: '[start, end], e.g. ["13:30", "17:00"]' },
              cutoff: { ...clock, description: 'received after it, counted from the next working day' },
            },
          },
          response: { 200: hoursView, ...errors },
        },
      },
      async (request) => {
        const view = await repository.publishWorkingHours(
          request.params.centerId,
          request.body,
          actorOf(request).userId,
        );
        await provider.refresh();
        return view;
      },
    );
  };
}
