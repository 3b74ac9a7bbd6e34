import { deepStrictEqual } from 'node:assert/strict';
import type { Decider } from './command-handler.js';
import type { NewEvent, RecordedEvent } from './types.js';

/** Wraps new events as recorded ones so a spec can state history the way the store returns it. */
export function asRecorded(events: NewEvent[], dossierId = 'dossier-under-test'): RecordedEvent[] {
  return events.map((event, i) => ({
    eventId: `event-${i + 1}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dossierId,
    dossierCode: event.dossierCode ?? '',
    streamId: `spec:${dossierId}`,
    streamVersion: i + 1,
    occurredAt: event.occurredAt ?? '2026-01-05T01:00:00.000Z',
    recordedAt: event.occurredAt ?? '2026-01-05T01:00:00.000Z',
    actor: { userId: 'spec', role: 'spec' },
    causationId: 'spec',
    correlationId: 'spec',
    producer: 'spec',
    payload: event.payload as Record<string, unknown>,
    ...(event.rulebookId ? { rulebookId: event.rulebookId } : {}),
  }));
}

/**
 * given(history).when(command).thenEmits(events) — the decider spec style of emmett. `thenEmits` returns
 * the decided events for further assertions; `thenThrows` returns the error.
 */
export function deciderSpec<State, Command>(decider: Decider<State, Command>) {
  return {
    given(history: NewEvent[]) {
      const state = asRecorded(history).reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            thenEmits(expected: NewEvent[]): NewEvent[] {
              const actual = run();
              deepStrictEqual(actual, expected);
              return actual;
            },
            thenThrows(): unknown {
              try {
                run();
              } catch (err) {
                return err;
              }
              throw new Error('expected the command to be refused, but it was accepted');
            },
          };
        },
      };
    },
  };
}
