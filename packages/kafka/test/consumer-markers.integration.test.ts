// A marker-mode consumer writes the dedupe markers of the events it handled together, just before the
// commit that covers them (at most once a second), not after every fetched batch: at the head of the
// log a batch is often one event. Meanwhile the markers it holds count as written.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { CommandStartedEvent, Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventConsumer } from '../src/index.js';
import { type Note, noteConsumer, noteTopic, tearDown, watchedDb } from './notes.js';

describe('a consumer that writes its dedupe markers with its commits', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  const topic = `test.markers.${randomUUID().slice(0, 8)}`;
  const groupId = `markers-${randomUUID().slice(0, 8)}`;
  const handled: string[] = [];
  let commands: CommandStartedEvent[];
  // the consumer's clock: a commit is due once it moved a second past the last one
  let clock = 1_000_000;
  let stopped = false;

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('markers-test', topic));
    ({ mongo, db, commands } = await watchedDb('markers'));
    consumer = noteConsumer(kafka, db, groupId, topic, {
      now: () => clock,
      handle: async (note) => void handled.push(note.text),
    });
    await consumer.start();
  });

  afterAll(() => tearDown({ admin, producer, topic, mongo, db }, ...(stopped ? [] : [consumer])));

  const noteOf = (text: string, eventId = randomUUID()) => ({ eventId, text });
  const send = (note: Note) =>
    producer.send({ topic, acks: -1, messages: [{ key: 'k', value: JSON.stringify(note) }] });
  const committedOffset = async () =>
    Number((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset ?? -1);
  const markerInserts = () =>
    commands.filter((c) => c.commandName === 'insert' && c.command.insert === 'consumer_processed');
  const markersIn = (inserts: CommandStartedEvent[]) =>
    inserts.flatMap((c) => (c.command.documents as { _id: string }[]).map((d) => d._id));
  const markerOf = (note: Note) => `${groupId}:${note.eventId}`;

  it('writes the markers of events handled in separate batches in one insert, before their commit', async () => {
    // the first batch commits at once (no commit yet); the clock then stands still
    await send(noteOf('first'));
    await eventually(async () => expect(await committedOffset()).toBe(1));
    commands.length = 0;
    const later = [noteOf('a'), noteOf('b'), noteOf('c')];
    for (const note of later) {
      await send(note);
      await eventually(() => expect(handled).toContain(note.text));
    }
    expect(markerInserts()).toEqual([]);
    expect(await committedOffset()).toBe(1);

    clock += 1_000;
    await eventually(async () => expect(await committedOffset()).toBe(4));
    expect(markerInserts()).toHaveLength(1);
    expect(markersIn(markerInserts()).sort()).toEqual(later.map(markerOf).sort());
    expect(await db.collection('consumer_processed').countDocuments()).toBe(4);
  });

  it('recognises a copy of an event whose marker it has not written yet', async () => {
    commands.length = 0;
    const once = noteOf('once');
    await send(once);
    await eventually(() => expect(handled).toContain('once'));
    // the relay publishes it again, in a later batch, before the next commit
    await send(once);
    await send(noteOf('after-the-copy'));
    await eventually(() => expect(handled).toContain('after-the-copy'));
    expect(handled.filter((text) => text === 'once')).toHaveLength(1);
    expect(markerInserts()).toEqual([]);

    clock += 1_000;
    await eventually(async () => expect(await committedOffset()).toBe(7));
    expect(markersIn(markerInserts())).toContain(markerOf(once));
  });

  it('writes the markers it holds when it stops', async () => {
    const last = noteOf('last');
    await send(last);
    await eventually(() => expect(handled).toContain('last'));
    await consumer.stop();
    expect(await db.collection('consumer_processed').countDocuments({ _id: markerOf(last) } as never)).toBe(
      1,
    );
    expect(await committedOffset()).toBe(8);
    stopped = true;
  });
});
