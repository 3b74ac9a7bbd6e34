import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcedureRepository } from '../src/adapters/procedure-repository.js';
import type { Procedure } from '../src/domain/catalogue.js';
import {
  DEPARTMENTS,
  FIELDS,
  HOUSEHOLD_BUSINESS_REGISTRATION,
  PROCEDURE_GROUPS,
  SEED_PROCEDURES,
} from '../src/domain/seed.js';

const known = new Set(DEPARTMENTS.map((d) => d.departmentId));
const catalogue = { fields: FIELDS, groups: PROCEDURE_GROUPS };

describe('the procedure repository on the real MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;
  let repo: ProcedureRepository;

  beforeAll(async () => {
    const url = process.env.MONGO_URL;
    if (!url) throw new Error('MONGO_URL is not set: run through the integration project (global setup)');
    client = await MongoClient.connect(url);
    db = client.db(`routing_catalogue_${randomUUID().slice(0, 8)}`);
    repo = new ProcedureRepository(db);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('seeds the catalogue, and seeding again changes nothing', async () => {
    const first = await repo.seed(SEED_PROCEDURES, known, catalogue);
    expect(first.published).toHaveLength(SEED_PROCEDURES.length + PROCEDURE_GROUPS.length);
    const index = await db.collection('catalogue_index').findOne({ _id: 'catalogue' as never });

    const second = await repo.seed(SEED_PROCEDURES, known, catalogue);
    expect(second).toEqual({ published: [], unchanged: first.published, conflicts: [] });
    const again = await db.collection('catalogue_index').findOne({ _id: 'catalogue' as never });
    expect(again?.revision).toBe(index?.revision);
    expect(await db.collection('procedures').countDocuments()).toBe(SEED_PROCEDURES.length);
  });

  it('answers a procedure as seeded, current or by version', async () => {
    expect(await repo.get('2.000575')).toEqual(JSON.parse(JSON.stringify(HOUSEHOLD_BUSINESS_REGISTRATION)));
    expect((await repo.get('2.000575', 1)).version).toBe(1);
    await expect(repo.get('2.000575', 7)).rejects.toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    await expect(repo.get('1.999999')).rejects.toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
  });

  it('answers a published version from memory once read, and the current one at most once per 10 s', async () => {
    const reads: string[] = [];
    const watched = await MongoClient.connect(process.env.MONGO_URL!, { monitorCommands: true });
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find') reads.push(String(e.command.find));
    });
    let now = 1_000_000;
    const fresh = new ProcedureRepository(watched.db(db.databaseName), undefined, undefined, {
      ttlMs: 10_000,
      now: () => now,
    });
    try {
      const first = await fresh.get('2.000575', 1);
      expect(await fresh.get('2.000575', 1)).toBe(first);
      expect(reads).toEqual(['procedures']);
      await fresh.get('2.000575');
      now += 9_999;
      await fresh.get('2.000575');
      expect(reads).toEqual(['procedures', 'procedures']);
      now += 1;
      await fresh.get('2.000575');
      expect(reads).toEqual(['procedures', 'procedures', 'procedures']);
    } finally {
      await watched.close();
    }
  });

  it('publishes a new version without rewriting the old one a dossier keeps', async () => {
    const v2: Procedure = {
      ...HOUSEHOLD_BUSINESS_REGISTRATION,
      version: 2,
      effectiveFrom: '2025-07-01',
      legalTimeLimit: { value: 2, unit: 'working_days' },
      workflow: HOUSEHOLD_BUSINESS_REGISTRATION.workflow.map((s) => ({ ...s, allottedWorkingHours: 8 })),
    };
    expect((await repo.get('2.000575')).version).toBe(1);
    await repo.publish(v2);
    // current here at once, though version 1 was read as current a moment ago
    expect((await repo.get('2.000575')).legalTimeLimit.value).toBe(2);
    expect((await repo.get('2.000575', 1)).legalTimeLimit.value).toBe(3);
    expect(await repo.versions('2.000575')).toEqual([
      expect.objectContaining({ version: 1, current: false }),
      expect.objectContaining({ version: 2, current: true, effectiveFrom: '2025-07-01' }),
    ]);
    const listed = await repo.list({ fieldCode: 'H57-HKD' });
    expect(listed.find((p) => p.code === '2.000575')?.version).toBe(2);

    await expect(repo.publish({ ...v2, name: 'rewritten' })).rejects.toMatchObject({
      code: 'PROCEDURE_VERSION_EXISTS',
    });
    await expect(repo.publish(HOUSEHOLD_BUSINESS_REGISTRATION)).rejects.toMatchObject({
      code: 'PROCEDURE_VERSION_EXISTS',
    });
    expect((await repo.get('2.000575', 2)).name).toBe(HOUSEHOLD_BUSINESS_REGISTRATION.name);
  });

  it('refuses to publish a workflow longer than the law allows', async () => {
    const greedy: Procedure = {
      ...HOUSEHOLD_BUSINESS_REGISTRATION,
      version: 3,
      workflow: HOUSEHOLD_BUSINESS_REGISTRATION.workflow.map((s) => ({ ...s, allottedWorkingHours: 20 })),
    };
    await expect(repo.publish(greedy)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await repo.get('2.000575')).version).toBe(2);
  });

  it('reports a seed that differs from a stored version instead of rewriting it', async () => {
    const edited = { ...HOUSEHOLD_BUSINESS_REGISTRATION, name: 'Đăng ký hộ kinh doanh (sửa tại chỗ)' };
    const report = await repo.seed([edited], known, catalogue);
    expect(report.conflicts).toEqual(['2.000575@1']);
    expect((await repo.get('2.000575', 1)).name).toBe('Đăng ký thành lập hộ kinh doanh');
  });

  it('lists by field and by department kind from the index', async () => {
    const civil = await repo.list({ fieldCode: 'H57-HT' });
    expect(civil.map((p) => p.code)).toContain('2.000806');
    expect(civil.every((p) => p.fieldCode === 'H57-HT')).toBe(true);

    const justice = await repo.list({ departmentKind: 'justice' });
    expect(justice.length).toBe(8);
    const taxed = await repo.list({ departmentKind: 'tax-sub-department' });
    expect(taxed.every((p) => p.fieldCode === 'H57-DD')).toBe(true);

    const fields = await repo.fields();
    expect(fields.find((f) => f.fieldCode === 'H57-DD')?.procedureCount).toBe(5);
    expect(fields.reduce((n, f) => n + f.procedureCount, 0)).toBe(SEED_PROCEDURES.length);
  });

  it('searches without diacritics, ranked by matched words', async () => {
    const found = await repo.list({ q: 'dang ky ho kinh doanh' });
    expect(found[0]).toMatchObject({ code: '2.000575', score: 5 });
    const inField = await repo.list({ q: 'chung thuc', fieldCode: 'H57-CT' });
    expect(inField.map((p) => p.code).sort()).toEqual(['2.000815', '2.000884', '2.000942', '2.000992']);
    expect((await repo.listCurrent({ q: 'so do lan dau' }))[0]?.code).toBe('9.000201');
  });

  it('keeps interconnected groups, listed and by version', async () => {
    const groups = await repo.groups();
    expect(groups.map((g) => g.groupId)).toEqual(['birth-residence-health-insurance-under-6']);
    expect((await repo.getGroup('birth-residence-health-insurance-under-6', 1)).members).toHaveLength(4);
    await expect(repo.getGroup('nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
