// Each offset commit is a write to the broker's offsets log: a consumer fed one event at a time
// commits at most about once a second, and what the last events left uncommitted soon after they stop.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventConsumer } from '../src/index.js';
import { committedOffset, type Note, noteConsumer, noteTopic, sendNotes, tearDown } from './notes.js';

describe('a consumer handed one event at a time', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  let consumer: EventConsumer<Note>;
  const topic = `test.commits.${randomUUID().slice(0, 8)}`;
  const groupId = `commits-${randomUUID().slice(0, 8)}`;
  const handled: string[] = [];
  const start = async () => {
    consumer = noteConsumer(kafka, db, groupId, topic, {
      handle: async (note) => {
        handled.push(note.text);
      },
    });
    await consumer.start();
  };

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('commits-test', topic));
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`commits_${randomUUID().slice(0, 8)}`);
    await start();
  });

  afterAll(() => tearDown({ admin, producer, topic, mongo, db }, consumer));

  it('commits far fewer times than it handles batches, and the last offset once the events stop', async () => {
    const before = consumer.status().commits;
    const started = Date.now();
    for (let i = 1; i <= 15; i++) {
      await sendNotes(producer, topic, `one-${i}`);
      // each event its own fetch: handled before the next is sent
      await eventually(async () => expect(handled).toHaveLength(i));
    }
    const seconds = (Date.now() - started) / 1000;
    await eventually(async () => expect(await committedOffset(admin, groupId, topic)).toBe('15'));
    const commits = consumer.status().commits - before;
    // once a second while they came, and once more for the tail
    expect(commits).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(commits).toBeLessThan(15);
  });

  it('commits what it handled when it stops, so that a new member goes on after it', async () => {
    await sendNotes(producer, topic, 'last');
    await eventually(async () => expect(handled).toContain('last'));
    await consumer.stop();
    expect(await committedOffset(admin, groupId, topic)).toBe('16');
    await start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(handled.filter((text) => text === 'last')).toHaveLength(1);
  });
});
