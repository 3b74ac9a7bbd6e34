// A marker-mode consumer skips the dedupe lookup of an event that directly follows, in its stream, one
// it handled as new since it joined — and still never handles an event twice: not one an earlier
// member handled without committing, not one the relay published again.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { CommandStartedEvent, Db, MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Decoded, EventConsumer, TOPICS } from '../src/index.js';
import { decodeNote, type Note, noteTopic, quiet, watchedDb } from './notes.js';

type Placed = Note & { stream: string; version: number };

describe('a consumer that follows stream chains', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Placed> | undefined;
  let commands: CommandStartedEvent[];
  let topic: string;
  let groupId: string;

  beforeAll(async () => {
    topic = `test.chains.${randomUUID().slice(0, 8)}`;
    ({ kafka, admin, producer } = await noteTopic('chains-test', topic));
    ({ mongo, db, commands } = await watchedDb('chains'));
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  });

  const note = (stream: string, version: number, eventId = randomUUID()): Placed => ({
    eventId,
    text: `${stream}#${version}`,
    stream,
    version,
  });
  const send = (...notes: Placed[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: notes.map((n) => ({ key: n.stream, value: JSON.stringify(n) })),
    });
  const offsetOf = async (group: string) => {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return Number(offsets?.partitions[0]?.offset ?? -1);
  };
  const end = async () => Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? 0);

  /** A member of `group` that records what it handles. */
  async function member(group: string, handled: string[], stream?: string): Promise<void> {
    groupId = group;
    consumer = new EventConsumer<Placed>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode: decodeNote as (value: Buffer | null) => Decoded<Placed>,
      logger: quiet,
      ...(stream ? { relevant: (n: Placed) => n.stream === stream } : {}),
      position: (n) => ({ stream: n.stream, version: n.version }),
      handle: async (n) => void handled.push(n.text),
    });
    await consumer.start();
  }
  const newGroup = () => `chains-${randomUUID().slice(0, 8)}`;
  const lookups = () =>
    commands.filter((c) => c.commandName === 'find' && c.command.find === 'consumer_processed');
  /** The markers those queries asked for (`{_id}` or `{_id: {$in}}`). */
  const lookedUp = () =>
    lookups().flatMap((c) => {
      const id = (c.command.filter as { _id: string | { $in: string[] } })._id;
      return typeof id === 'string' ? [id] : id.$in;
    });

  it('looks up only the first version of each stream it meets', async () => {
    await send(note('a', 1), note('a', 2), note('a', 3), note('b', 1), note('b', 2));
    const handled: string[] = [];
    commands.length = 0;
    await member(newGroup(), handled);
    const last = await end();
    await eventually(async () => expect(await offsetOf(groupId)).toBe(last));
    expect(handled).toEqual(['a#1', 'a#2', 'a#3', 'b#1', 'b#2']);
    expect(lookedUp()).toHaveLength(2);
    expect(lookups()).toHaveLength(1); // the batch's lookups in one query
  });

  it('re-handles nothing an earlier member handled without committing, chains or not', async () => {
    const c1 = note('c', 1);
    const c2 = note('c', 2);
    await send(c1, c2, note('c', 3));
    // as if a member of this group had handled c#1 and c#2 and died before committing
    const handled: string[] = [];
    const group = newGroup();
    const markerOf = (n: Placed) => ({ _id: `${group}:${n.eventId}`, processedAt: new Date() });
    await db.collection<{ _id: string }>('consumer_processed').insertMany([markerOf(c1), markerOf(c2)]);
    await member(group, handled, 'c');
    const last = await end();
    await eventually(async () => expect(await offsetOf(groupId)).toBe(last));
    expect(handled).toEqual(['c#3']);
  });

  it('handles a version the relay published again once, in the same run or after a restart', async () => {
    const d1 = note('d', 1);
    const d2 = note('d', 2);
    const handled: string[] = [];
    const group = newGroup();
    await member(group, handled, 'd');
    await send(d1, d2);
    await eventually(() => expect(handled).toEqual(['d#1', 'd#2']));
    // the relay died before deleting its pointers: the same events again, then the next one
    await send(d1, d2, note('d', 3));
    await eventually(() => expect(handled).toEqual(['d#1', 'd#2', 'd#3']));
    await consumer?.stop();
    // a new member of the same group meets them once more, from a committed offset before them
    await send(d2, note('d', 4));
    await member(group, handled, 'd');
    const last = await end();
    await eventually(async () => expect(await offsetOf(group)).toBe(last));
    expect(handled).toEqual(['d#1', 'd#2', 'd#3', 'd#4']);
  });
});
