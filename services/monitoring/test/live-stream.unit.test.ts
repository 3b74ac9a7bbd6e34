import type { AddressInfo } from 'node:net';
import type { Principal } from '@motcua/auth';
import type { RecordedEvent } from '@motcua/contracts';
import type { HttpApp } from '@motcua/http';
import { eventually } from '@motcua/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LiveEvent, LiveEvents, type LiveSink } from '../src/adapters/live-stream.js';
import { liveStreamRoutes } from '../src/adapters/live-stream-routes.js';
import type { TimelineRepository } from '../src/adapters/timeline-repository.js';
import { MonitoringApp } from '../src/app/monitoring-app.js';
import { bearer, guardedHttp } from './support.js';

const BOARD: Principal = { userId: 'board', role: 'supervision_board' };
const COUNTER: Principal = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' };

let seq = 0;
const liveEvent = (dossierId: string, type: string): LiveEvent => ({
  dossierId,
  dossierCode: `H57-260302-${dossierId}`,
  eventId: `e-${++seq}`,
  type,
  schemaVersion: 1,
  occurredAt: '2026-03-02T02:00:00.000Z',
  recordedAt: '2026-03-02T02:00:00.000Z',
  actor: { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' },
  producer: 'intake',
  streamId: `intake-dossier:${dossierId}`,
  streamVersion: seq,
  causationId: 'c',
  correlationId: 'k',
  partition: 0,
  offset: String(seq),
  payload: { note: 'Hồ sơ đã tiếp nhận' },
});

interface Frame {
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads Server-Sent Events frames off a fetch body, one at a time. */
class FrameReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next frame, or undefined when the stream has ended. */
  async frame(): Promise<Frame | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const frame: Frame = {};
        for (const line of raw.split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          else if (line.startsWith('event: ')) frame.event = line.slice(7);
          else if (line.startsWith('data: ')) frame.data = line.slice(6);
        }
        return frame;
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next event frame, skipping comments (the greeting, heartbeats). */
  async event(): Promise<{ event: string; data: LiveEvent }> {
    for (;;) {
      const frame = await this.frame();
      if (!frame) throw new Error('the stream ended');
      if (frame.event) return { event: frame.event, data: JSON.parse(frame.data ?? 'null') as LiveEvent };
    }
  }
}

describe('GET /events/stream: new events live, as Server-Sent Events', () => {
  const live = new LiveEvents();
  let http: HttpApp;
  let base: string;
  const opened: AbortController[] = [];

  const follow = async (query = '', who: Principal = BOARD) => {
    const abort = new AbortController();
    opened.push(abort);
    const res = await fetch(`${base}/events/stream${query}`, {
      headers: await bearer(who),
      signal: abort.signal,
    });
    return { res, abort, frames: res.ok && res.body ? new FrameReader(res.body) : undefined };
  };

  beforeAll(async () => {
    http = await guardedHttp(liveStreamRoutes(live, { heartbeatMs: 50 }));
    await http.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const abort of opened.splice(0)) abort.abort();
    await eventually(() => expect(live.size).toBe(0), 5_000, 20);
  });

  afterAll(async () => {
    // fetch's pool opens a spare connection after an abort, which would hold close() for seconds.
    http?.server.closeAllConnections();
    await http?.close();
  });

  it('sends each published event to the board as `event: <type>` and its timeline entry', async () => {
    const { res, frames } = await follow();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    await eventually(() => expect(live.size).toBe(1), 5_000, 20);

    const received = liveEvent('d-1', 'DossierReceived');
    const routed = liveEvent('d-2', 'DossierRouted');
    live.publish(received);
    live.publish(routed);

    expect(await frames!.event()).toEqual({ event: 'DossierReceived', data: received });
    expect(await frames!.event()).toEqual({ event: 'DossierRouted', data: routed });
  });

  it("follows one dossier's events only with ?dossierId=", async () => {
    const one = await follow('?dossierId=d-2');
    const all = await follow();
    await eventually(() => expect(live.size).toBe(2), 5_000, 20);

    const other = liveEvent('d-1', 'DossierReceived');
    const mine = liveEvent('d-2', 'TaskQueued');
    live.publish(other);
    live.publish(mine);

    expect(await one.frames!.event()).toEqual({ event: 'TaskQueued', data: mine });
    expect((await all.frames!.event()).data.eventId).toBe(other.eventId);
    expect((await all.frames!.event()).data.eventId).toBe(mine.eventId);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const { frames } = await follow();
    const comments: string[] = [];
    while (comments.length < 2) {
      const frame = await frames!.frame();
      if (frame?.comment) comments.push(frame.comment);
    }
    expect(comments).toEqual(['connected', 'heartbeat']);
  });

  it('forgets a client that disconnects', async () => {
    const { abort } = await follow();
    await eventually(() => expect(live.size).toBe(1), 5_000, 20);
    abort.abort();
    await eventually(() => expect(live.size).toBe(0), 5_000, 20);
    live.publish(liveEvent('d-1', 'DossierReceived')); // nobody left: no error
  });

  it('is refused without a token and to officers outside the board (events.follow)', async () => {
    const anonymous = await fetch(`${base}/events/stream`);
    expect(anonymous.status).toBe(401);
    const counter = await follow('', COUNTER);
    expect(counter.res.status).toBe(403);
    expect(await counter.res.json()).toMatchObject({ error: { code: 'PERMISSION_DENIED' } });
    const admin = await follow('', { userId: 'sysadmin', role: 'system_admin' });
    expect(admin.res.status).toBe(200);
  });

  it('refuses a bad filter', async () => {
    const { res } = await follow(`?dossierId=${'x'.repeat(65)}`);
    expect(res.status).toBe(400);
  });
});

describe('the live fan-out', () => {
  const sink = (writableLength = 0) => {
    const s = {
      writableLength,
      chunks: [] as string[],
      destroyed: false,
      ended: false,
      write: (chunk: string) => s.chunks.push(chunk),
      end: () => {
        s.ended = true;
      },
      destroy: () => {
        s.destroyed = true;
      },
    };
    return s satisfies LiveSink;
  };

  it('drops a client whose socket has fallen behind instead of buffering for it', () => {
    const live = new LiveEvents({ maxBufferedBytes: 1000 });
    const fast = sink();
    const slow = sink();
    live.subscribe(fast);
    live.subscribe(slow);
    slow.writableLength = 1001;
    live.publish(liveEvent('d-1', 'DossierReceived'));
    expect(slow.destroyed).toBe(true);
    expect(slow.chunks).toEqual([]);
    expect(fast.chunks).toHaveLength(1);
    expect(live.size).toBe(1);
  });

  it('refuses clients past its limit and ends every stream on close', async () => {
    const live = new LiveEvents({ maxClients: 1 });
    const first = sink();
    expect(live.subscribe(first)).toBeTypeOf('function');
    expect(live.subscribe(sink())).toBeUndefined();
    live.closeAll();
    expect(first.ended).toBe(true);
    expect(live.size).toBe(0);
  });

  it('ends the open streams when the server stops', async () => {
    const live = new LiveEvents();
    const http = await guardedHttp(liveStreamRoutes(live));
    await http.listen({ host: '127.0.0.1', port: 0 });
    const port = (http.server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/events/stream`, { headers: await bearer(BOARD) });
    const frames = new FrameReader(res.body!);
    expect((await frames.frame())?.comment).toBe('connected');
    const closing = http.close();
    expect(await frames.frame()).toBeUndefined();
    await closing;
    expect(live.size).toBe(0);
  });

  it("is told of each event monitoring's consumer has projected, with its place in the log", async () => {
    const added: string[] = [];
    const timelines = {
      add: async (dossierId: string) => {
        added.push(dossierId);
      },
    } as unknown as TimelineRepository;
    const app = new MonitoringApp(timelines);
    const published: LiveEvent[] = [];
    app.live = {
      publish: (event) => {
        expect(added).toEqual(['d-9']); // after the projection
        published.push(event);
      },
    };
    const { dossierId, dossierCode, partition, offset, ...rest } = liveEvent('d-9', 'DossierReceived');
    const event: RecordedEvent = { dossierId, dossierCode, ...rest };
    await app.onEvent(event, { topic: 'motcua.dossier.lifecycle.v1', partition: 3, offset: '42' });
    expect(published).toEqual([{ ...event, partition: 3, offset: '42' }]);
  });
});
