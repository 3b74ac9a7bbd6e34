// A member that joins its group again may get back partitions another member worked on meanwhile:
// the consumer tells its owner every join, so that what it cached of their documents is forgotten.
import { randomUUID } from 'node:crypto';
import { eventually } from '@motcua/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventConsumer } from '../src/index.js';
import { type Note, noteConsumer, noteTopic, tearDown } from './notes.js';

describe('a consumer joining its group', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoClient;
  let db: Db;
  const topic = `test.join.${randomUUID().slice(0, 8)}`;
  const groupId = `join-${randomUUID().slice(0, 8)}`;
  const members: EventConsumer<Note>[] = [];
  const joins = new Map<string, number>();

  const member = async (name: string) => {
    joins.set(name, 0);
    const consumer = noteConsumer(kafka, db, groupId, topic, {
      dedupe: 'handler',
      handle: async () => {},
      onJoin: () => joins.set(name, (joins.get(name) ?? 0) + 1),
    });
    members.push(consumer);
    await consumer.start();
  };

  beforeAll(async () => {
    ({ kafka, admin, producer } = await noteTopic('join-test', topic));
    mongo = await MongoClient.connect(process.env.MONGO_URL!);
    db = mongo.db(`join_${randomUUID().slice(0, 8)}`);
  });

  afterAll(() => tearDown({ admin, producer, topic, mongo, db }, ...members));

  it('tells its owner when it first joins', async () => {
    await member('first');
    expect(joins.get('first')).toBe(1);
  });

  it('tells it again when another member joins and the group rebalances', async () => {
    await member('second');
    await eventually(async () => expect(joins.get('first')).toBe(2));
    expect(joins.get('second')).toBe(1);
  });
});
