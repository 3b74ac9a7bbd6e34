import { randomUUID } from 'node:crypto';
import { createLogger } from '@motcua/logger';
import { runService } from '@motcua/runtime';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUserStore } from '../src/adapters/auth-routes.js';
import { intakeService } from '../src/service.js';

// Security finding (issue 13, part 1): no secret has a usable default, demo accounts only in development mode.
const SECRET = 'a-deployment-secret-that-is-long-enough-0123';
const logger = createLogger({ service: 'intake', level: 'silent' });
const base = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, MONGO_URL: process.env.MONGO_URL };

describe('intake at start', () => {
  let client: MongoClient;
  let db: Db;
  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`intake_start_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('refuses to start without MOTCUA_JWT_SECRET, saying so in both languages', async () => {
    await expect(runService(intakeService({ env: { ...base } }))).rejects.toThrow(
      /MOTCUA_JWT_SECRET: required.*bắt buộc/s,
    );
  });

  it('refuses to start without INTAKE_LOOKUP_SECRET, before connecting to anything', async () => {
    await expect(runService(intakeService({ env: { ...base, MOTCUA_JWT_SECRET: SECRET } }))).rejects.toThrow(
      /INTAKE_LOOKUP_SECRET: required/,
    );
  });

  it('creates no demo account outside development mode, and refuses to be asked for them', async () => {
    const users = await openUserStore(db, {}, logger);
    expect(await users.find('sysadmin')).toBeNull();
    await expect(openUserStore(db, { MOTCUA_DEMO_USERS: 'true' }, logger)).rejects.toThrow(/MOTCUA_DEV_MODE/);
    expect(await users.find('counter.hue')).toBeNull();
  });

  it('creates the demo accounts in development mode', async () => {
    const users = await openUserStore(db, { MOTCUA_DEV_MODE: 'true' }, logger);
    expect((await users.find('sysadmin'))?.role).toBe('system_admin');
  });
});
