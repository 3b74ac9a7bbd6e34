import type { OffsetClock } from '@motcua/eventstore';
import type { HttpApp } from '@motcua/http';

const instant = { type: 'object', properties: { now: { type: 'string', format: 'date-time' } } } as const;

/**
 * `GET|PUT /test/clock`: read or move the service's clock. Registered only when the service runs
 * with MOTCUA_TEST_CLOCK=on, for end-to-end tests that walk a dossier through weeks of working days.
 */
export function testClockRoutes(clock: OffsetClock) {
  return async (http: HttpApp) => {
    http.get(
      '/test/clock',
      {
        schema: { summary: 'The service clock (test mode only)', tags: ['test'], response: { 200: instant } },
      },
      async () => ({ now: clock.now().toISOString() }),
    );
    http.put<{ Body: { now: string } }>(
      '/test/clock',
      {
        schema: {
          summary: 'Move the service clock (test mode only)',
          tags: ['test'],
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['now'],
            properties: instant.properties,
          },
          response: { 200: instant },
        },
      },
      async (request) => {
        clock.set(new Date(request.body.now));
        return { now: clock.now().toISOString() };
      },
    );
  };
}
