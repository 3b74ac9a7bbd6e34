import { chainEvents, eventHash } from '@motcua/eventstore';
import { describe, expect, it } from 'vitest';
import {
  addIntegrityEntry,
  digestOf,
  endOfVietnamDay,
  type IntegrityEntry,
  merkleRoot,
  verifyEntries,
  vietnamDay,
} from '../src/domain/integrity.js';

const recordedAt = '2026-03-02T02:00:00.000Z';
const stored = (streamId: string, n: number) => ({
  eventId: `${streamId}-${n}`,
  type: 'Noted',
  dossierId: 'd',
  streamId,
  streamVersion: n,
  recordedAt,
  payload: { n },
});

/** A stream of n chained events, as the event store records them. */
const streamOf = (streamId: string, n: number) =>
  chainEvents(
    '',
    Array.from({ length: n }, (_, i) => stored(streamId, i + 1)),
  );

let offset = 0;
/** The message as monitoring receives it, at the next offset of partition 3. */
const received = (
  event: ReturnType<typeof stored> & { previousHash?: string; hash?: string },
  at = offset++,
): IntegrityEntry => ({
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  previousHash: event.previousHash ?? '',
  hash: event.hash ?? '',
  recomputed: eventHash(event),
  recordedAt: event.recordedAt,
  partition: 3,
  offset: String(at),
});
const kinds = (entries: IntegrityEntry[]) => verifyEntries(entries).problems.map((p) => p.kind);

describe('verifying the hash chains of a dossier from the log', () => {
  it('verifies streams whose events arrive whole, in order, interleaved with other streams', () => {
    const intake = streamOf('intake-dossier:d', 2);
    const routing = streamOf('routing-dossier:d', 2);
    const report = verifyEntries([intake[0]!, routing[0]!, routing[1]!, intake[1]!].map((e) => received(e)));
    expect(report.verified).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.streams).toEqual([
      { streamId: 'intake-dossier:d', events: 2, lastHash: intake[1]!.hash },
      { streamId: 'routing-dossier:d', events: 2, lastHash: routing[1]!.hash },
    ]);
  });

  it('reports an event whose content was edited after it was hashed as altered', () => {
    const [one, two] = streamOf('s', 2);
    const edited = { ...two!, payload: { n: 42 } };
    const report = verifyEntries([received(one!), received(edited)]);
    expect(report.verified).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'altered', streamId: 's', streamVersion: 2, eventId: 's-2' }),
    ]);
  });

  it('reports a missing event as a gap', () => {
    const [one, , three] = streamOf('s', 3);
    expect(kinds([received(one!), received(three!)])).toEqual(['gap']);
  });

  it('reports an event that does not chain to the one before it as reordered', () => {
    const [one, , three] = streamOf('s', 3);
    // two was replaced by a forgery at the same version: three no longer chains to it
    const [forged] = chainEvents(one!.hash, [{ ...stored('s', 2), eventId: 'forged', payload: { n: 7 } }]);
    expect(kinds([received(one!), received(forged!), received(three!)])).toEqual(['reordered']);
  });

  it('reports a version arriving again after later ones as reordered', () => {
    const [one, two, three] = streamOf('s', 3);
    const copy = { ...two!, eventId: 'copy-of-2' };
    expect(kinds([received(one!), received(two!), received(three!), received(copy)])).toContain('reordered');
  });

  it('reports the same event id arriving with different content as a duplicate', () => {
    const [one, two] = streamOf('s', 2);
    const tampered = { ...two!, payload: { n: 9 } };
    expect(kinds([received(one!), received(two!), received(tampered)])).toEqual(['duplicate']);
  });

  it('takes a redelivery with identical content for what it is, not tampering', () => {
    const [one, two] = streamOf('s', 2);
    const entries = [received(one!), received(two!), received(two!), received(one!)];
    expect(verifyEntries(entries).verified).toBe(true);
    expect(verifyEntries(entries).streams[0]?.events).toBe(2);
  });

  it('reports events recorded before the chain existed as unchained', () => {
    const old = { ...stored('s', 1) };
    expect(kinds([received(old)])).toEqual(['unchained']);
  });

  it('keeps one entry per message of the log, whatever order they are added in', () => {
    const [one, two] = streamOf('s', 2);
    const a = received(one!, 10);
    const b = received(two!, 9);
    let entries = addIntegrityEntry([], a);
    entries = addIntegrityEntry(entries, b);
    expect(addIntegrityEntry(entries, a)).toBe(entries);
    expect(entries.map((e) => e.offset)).toEqual(['9', '10']);
  });
});

describe('the Merkle root of a day of the log', () => {
  const h = (i: number) => String(i).repeat(64).slice(0, 64);

  it('is the hash of nothing for an empty day', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('differs from the leaf itself for a single event', () => {
    expect(merkleRoot([h(1)])).toMatch(/^[0-9a-f]{64}$/);
    expect(merkleRoot([h(1)])).not.toBe(h(1));
  });

  it('handles odd counts without duplicating a leaf', () => {
    expect(merkleRoot([h(1), h(2), h(3)])).not.toBe(merkleRoot([h(1), h(2), h(3), h(3)]));
    expect(merkleRoot([h(1), h(2), h(3), h(4), h(5)])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any event is altered, removed, added or moved', () => {
    const day = [h(1), h(2), h(3), h(4), h(5)];
    const root = merkleRoot(day);
    expect(merkleRoot([h(1), h(2), h(9), h(4), h(5)])).not.toBe(root);
    expect(merkleRoot([h(1), h(2), h(4), h(5)])).not.toBe(root);
    expect(merkleRoot([...day, h(6)])).not.toBe(root);
    expect(merkleRoot([h(2), h(1), h(3), h(4), h(5)])).not.toBe(root);
    expect(merkleRoot([...day])).toBe(root);
  });

  it('takes the leaves in log order, by partition then numeric offset', () => {
    const a = { partition: 0, offset: '10', hash: h(1) };
    const b = { partition: 0, offset: '9', hash: h(2) };
    const c = { partition: 1, offset: '1', hash: h(3) };
    expect(digestOf([c, a, b])).toEqual({ root: merkleRoot([h(2), h(1), h(3)]), count: 3 });
  });

  it('files events under their Vietnam-local day', () => {
    expect(vietnamDay('2026-03-02T16:59:59.999Z')).toBe('2026-03-02');
    expect(vietnamDay('2026-03-02T17:00:00.000Z')).toBe('2026-03-03');
    expect(endOfVietnamDay('2026-03-02').toISOString()).toBe('2026-03-02T17:00:00.000Z');
  });
});
