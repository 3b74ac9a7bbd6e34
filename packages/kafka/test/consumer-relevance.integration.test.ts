// Most of the log is other services' news: a consumer told which events it handles passes the rest
// over without a single database command — no dedupe marker read or written for them.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { CommandStartedEvent, Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventConsumer, TOPICS } from '../src/index.js';
import { decodeNote as decode, type Note, noteTopic, quiet, watchedDb } from './notes.js';

describe('a consumer that handles only some events', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  const topic = `test.relevance.${randomUUID().slice(0, 8)}`;
  const groupId = `relevance-${randomUUID().slice(0, 8)}`;
  const handled: string[] = [];
  let commands: CommandStartedEvent[];

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('relevance-test', topic));
    ({ mongo, db, commands } = await watchedDb('relevance'));
    consumer = new EventConsumer<Note>({
      kafka,
      db,
      groupId,
      topics: [topic],
      deadLetterTopic: TOPICS.deadLetter,
      decode,
      logger: quiet,
      relevant: (note) => note.text.startsWith('wanted'),
      handle: async (note) => {
        handled.push(note.text);
        // as if another member of the group handled the same event meanwhile
        if (note.text === 'wanted-raced')
          await db
            .collection<{ _id: string }>('consumer_processed')
            .insertOne({ _id: `${groupId}:${note.eventId}` });
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  });

  const send = (...texts: string[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: texts.map((text) => ({ key: 'k', value: JSON.stringify({ eventId: randomUUID(), text }) })),
    });

  async function committedOffset(): Promise<string | undefined> {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets?.partitions[0]?.offset;
  }

  it('passes irrelevant events over, committing past them, without any database command', async () => {
    await send('other-1', 'other-2', 'other-3');
    await eventually(async () => expect(await committedOffset()).toBe('3'));
    expect(handled).toEqual([]);
    expect(commands.map((c) => c.commandName)).toEqual([]);
  });

  it('still looks up and writes the dedupe marker of an event it handles', async () => {
    await send('wanted-1', 'other-4');
    await eventually(async () => expect(await committedOffset()).toBe('5'));
    expect(handled).toEqual(['wanted-1']);
    const touched = commands.map((c) => `${c.commandName} ${String(c.command[c.commandName])}`);
    expect(touched).toEqual(['find consumer_processed', 'insert consumer_processed']);
  });

  it('writes the markers of the events a batch handled in one insert, before committing', async () => {
    commands.length = 0;
    await send('wanted-a', 'wanted-b', 'wanted-c', 'wanted-d', 'wanted-e');
    await eventually(async () => expect(await committedOffset()).toBe('10'));
    const inserts = commands.filter((c) => c.commandName === 'insert');
    const marked = inserts.flatMap((c) => (c.command.documents as { _id: string }[]).map((d) => d._id));
    expect(marked).toHaveLength(5);
    expect(inserts.length).toBeLessThan(5);
    expect(await db.collection('consumer_processed').countDocuments({ _id: { $in: marked } } as never)).toBe(
      5,
    );
  });

  it('handles a relevant event delivered twice in one batch once', async () => {
    const twice = JSON.stringify({ eventId: randomUUID(), text: 'wanted-twice' });
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k', value: twice },
        { key: 'k', value: twice },
      ],
    });
    await eventually(async () => expect(await committedOffset()).toBe('12'));
    expect(handled.filter((text) => text === 'wanted-twice')).toHaveLength(1);
  });

  it('carries on when another member wrote the marker of the event it just handled', async () => {
    commands.length = 0;
    await send('wanted-raced');
    await eventually(async () => expect(await committedOffset()).toBe('13'));
    expect(handled.filter((text) => text === 'wanted-raced')).toHaveLength(1);
    const touched = commands.map((c) => `${c.commandName} ${String(c.command[c.commandName])}`);
    // one lookup: the batch was not failed and fetched again
    expect(touched).toEqual([
      'find consumer_processed',
      'insert consumer_processed',
      'insert consumer_processed',
    ]);
  });
});
