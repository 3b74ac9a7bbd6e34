// A consumer whose handler recognises repeats itself (its commands' ids are recorded on the streams it
// writes) keeps no dedupe markers: no database command of its own, and a redelivery reaches the handler.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { CommandStartedEvent, Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventConsumer } from '../src/index.js';
import {
  committedOffset,
  type Note,
  noteConsumer,
  noteTopic,
  sendNotes,
  tearDown,
  watchedDb,
} from './notes.js';

describe('a consumer whose handler deduplicates by itself', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  const topic = `test.handler-dedupe.${randomUUID().slice(0, 8)}`;
  const groupId = `handler-dedupe-${randomUUID().slice(0, 8)}`;
  const handled: string[] = [];
  let commands: CommandStartedEvent[];
  let consumer: EventConsumer<Note>;
  const committed = () => committedOffset(admin, groupId, topic);

  const start = async () => {
    consumer = noteConsumer(kafka, db, groupId, topic, {
      dedupe: 'handler',
      relevant: (note) => note.text.startsWith('wanted'),
      handle: async (note) => {
        handled.push(note.text);
      },
    });
    await consumer.start();
  };

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('handler-dedupe-test', topic));
    ({ mongo, db, commands } = await watchedDb('handler_dedupe'));
    await start();
  });

  afterAll(() => tearDown({ admin, producer, topic, mongo, db }, consumer));

  it('handles the events it wants and commits past them, without reading or writing any marker', async () => {
    await sendNotes(producer, topic, 'wanted-1', 'other-1', 'wanted-2');
    await eventually(async () => expect(await committed()).toBe('3'));
    expect(handled).toEqual(['wanted-1', 'wanted-2']);
    expect(commands.map((c) => c.commandName)).toEqual([]);
  });

  it('hands a copy published twice in one batch over once', async () => {
    const twice = JSON.stringify({ eventId: randomUUID(), text: 'wanted-twice' });
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k', value: twice },
        { key: 'k', value: twice },
      ],
    });
    await eventually(async () => expect(await committed()).toBe('5'));
    expect(handled.filter((text) => text === 'wanted-twice')).toHaveLength(1);
  });

  it('hands the events over again when the group reads them again: the handler is what recognises them', async () => {
    await consumer.stop();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    handled.length = 0;
    await start();
    await eventually(async () => expect(handled).toEqual(['wanted-1', 'wanted-2', 'wanted-twice']));
    expect(commands.map((c) => c.commandName)).toEqual([]);
  });
});
