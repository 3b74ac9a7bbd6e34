import { describe, expect, it } from 'vitest';
import { reactionMetaOf, traceOf } from '../src/actor.js';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the trace context carried into events', () => {
  it("keeps a caller's valid W3C traceparent and its tracestate", () => {
    expect(traceOf({ headers: { traceparent, tracestate: 'motcua=1' } })).toEqual({
      traceparent,
      tracestate: 'motcua=1',
    });
  });

  it('ignores a malformed traceparent instead of recording it', () => {
    expect(traceOf({ headers: { traceparent: 'not-a-trace' } })).toBeUndefined();
    expect(traceOf({ headers: {} })).toBeUndefined();
  });

  it('passes the trace of an event on to the reaction it causes', () => {
    const meta = reactionMetaOf(
      { eventId: 'e-1', correlationId: 'c-1', trace: { traceparent } },
      'routing',
      'advance',
    );
    expect(meta).toMatchObject({
      commandId: 'advance:e-1',
      causationId: 'e-1',
      correlationId: 'c-1',
      trace: { traceparent },
    });
  });
});
