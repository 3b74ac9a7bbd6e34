import { describe, expect, it } from 'vitest';
import { StreamCache } from '../src/stream-cache.js';
import type { RecordedEvent, StreamDocument } from '../src/types.js';

const at = new Date('2026-12-05T08:00:00Z');
const stream = (id: string, version: number): StreamDocument => ({
  _id: id,
  dossierId: `d-${id}`,
  dossierCode: '',
  version,
  events: [],
  commands: [],
  commandIds: [],
  createdAt: at,
  updatedAt: at,
});
const event = (version: number, extra: Partial<RecordedEvent> = {}) =>
  ({ streamVersion: version, hash: `h${version}`, dossierCode: '', ...extra }) as RecordedEvent;
const command = (id: string, from: number, to: number) => ({ id, from, to, by: 'officer-1' });

describe('the stream cache', () => {
  it('forgets the least recently used stream first', () => {
    const cache = new StreamCache(2);
    cache.put('a', stream('a', 1));
    cache.put('b', stream('b', 1));
    cache.get('a');
    cache.put('c', stream('c', 1));
    expect([cache.get('a')?._id, cache.get('b'), cache.get('c')?._id]).toEqual(['a', undefined, 'c']);
  });

  it('extends a stream it holds at the version the append was decided on', () => {
    const cache = new StreamCache(10);
    cache.appended(
      { _id: 's', dossierId: 'd' },
      0,
      [event(1, { dossierCode: 'X-1' })],
      command('c1', 1, 1),
      at,
    );
    cache.appended({ _id: 's', dossierId: 'd' }, 1, [event(2), event(3)], command('c2', 2, 3), at);
    const held = cache.get('s');
    expect(held?.version).toBe(3);
    expect(held?.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(held?.commandIds).toEqual(['c1', 'c2']);
    expect([held?.lastHash, held?.dossierCode]).toEqual(['h3', 'X-1']);
  });

  it('drops a stream when the append was decided on a version it does not hold', () => {
    const cache = new StreamCache(10);
    cache.put('s', stream('s', 2));
    cache.appended({ _id: 's', dossierId: 'd' }, 4, [event(5)], command('c', 5, 5), at);
    expect(cache.get('s')).toBeUndefined();
  });

  it('tells a stream seen absent from one it never saw', () => {
    const cache = new StreamCache(10);
    cache.put('gone', null);
    expect([cache.get('gone'), cache.get('unseen')]).toEqual([null, undefined]);
  });

  it('holds nothing when its size is 0', () => {
    const cache = new StreamCache(0);
    cache.put('s', stream('s', 1));
    expect(cache.get('s')).toBeUndefined();
  });
});
