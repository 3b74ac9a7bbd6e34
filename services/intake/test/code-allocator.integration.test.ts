import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER_STRIDE, DossierCodeAllocator } from '../src/adapters/code-allocator.js';

const receivedAt = new Date('2026-12-03T02:00:00Z'); // 09:00 in Vietnam, day 261203
const unitCode = '000.00.31.H26';
const code = (n: number) => `${unitCode}-261203-${String(n).padStart(4, '0')}`;

describe("a unit's daily dossier sequence", () => {
  let client: MongoClient;
  let db: Db;
  let codes: DossierCodeAllocator;
  type Doc = { _id: string; [field: string]: unknown };

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`intake_codes_${randomUUID().slice(0, 8)}`);
    codes = new DossierCodeAllocator(db);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  const allocate = (dossierId: string = randomUUID(), commandId: string = randomUUID(), unit = unitCode) =>
    codes.allocate({ unitCode: unit, receivedAt, commandId, dossierId });

  it('numbers concurrent receptions 1, 2, 3… without a gap or a number given twice', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => allocate()));
    expect(results.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(await allocate()).toMatchObject({ sequence: 31, code: code(31) });
  });

  it('keeps two intake instances numbering the same day apart, still without a gap', async () => {
    const unit = '000.00.55.H26';
    const instances = [new DossierCodeAllocator(db), new DossierCodeAllocator(db)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        instances[i % 2]!.allocate({
          unitCode: unit,
          receivedAt,
          commandId: randomUUID(),
          dossierId: randomUUID(),
        }),
      ),
    );
    expect(results.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('gives a retried command the number it took the first time, not a second one', async () => {
    const dossierId = randomUUID();
    const commandId = randomUUID();
    const first = await allocate(dossierId, commandId);
    expect(first.fresh).toBe(true);
    expect(await allocate(dossierId, commandId)).toEqual({ ...first, fresh: false });
    expect((await allocate()).sequence).toBe(first.sequence + 1);
  });

  it('answers a completed retry with its number and writes nothing more', async () => {
    const unit = '000.00.33.H26';
    const dossierId = randomUUID();
    const commandId = randomUUID();
    const at = (u: string) => ({ unitCode: u, receivedAt, commandId, dossierId });
    const first = await codes.allocate(at(unit));
    await codes.counterMoved();
    const stored = () => db.collection('dossier_codes').countDocuments();
    const before = await stored();
    expect(await codes.allocate(at(unit), async () => false)).toEqual({ ...first, fresh: false });
    // asked from another unit (another center reusing the command id), refused before any write
    const refused = new Error('COMMAND_ID_CONFLICT');
    await expect(codes.allocate(at('000.00.34.H26'), () => Promise.reject(refused))).rejects.toBe(refused);
    expect(await stored()).toBe(before);
    const next = await codes.allocate({
      unitCode: '000.00.34.H26',
      receivedAt,
      commandId: 'x',
      dossierId: randomUUID(),
    });
    expect(next.sequence).toBe(1);
  });

  it('hands the number of a reception that wrote nothing to the next one, leaving no gap', async () => {
    const unit = '000.00.66.H26';
    const fresh = new DossierCodeAllocator(db);
    const take = () =>
      fresh.allocate({ unitCode: unit, receivedAt, commandId: randomUUID(), dossierId: randomUUID() });
    expect((await take()).sequence).toBe(1);
    const numbers = (fresh as unknown as { numbers: { insertOne: (...a: unknown[]) => Promise<unknown> } })
      .numbers;
    const insertOne = numbers.insertOne.bind(numbers);
    numbers.insertOne = () => Promise.reject(new Error('the database went away'));
    await expect(take()).rejects.toThrow('the database went away');
    numbers.insertOne = insertOne;
    expect((await Promise.all([take(), take()])).map((r) => r.sequence).sort()).toEqual([2, 3]);
  });

  it('completes the number of a command that stopped before claiming its code', async () => {
    const crashed = randomUUID();
    const next = (await allocate()).sequence + 1;
    await db
      .collection<Doc>('dossier_numbers')
      .insertOne({ _id: crashed, code: code(next), sequence: next, commandId: 'c' });
    expect(await codes.dossierIdForCode(code(next))).toBeNull();
    expect(await allocate(crashed, 'c')).toEqual({ code: code(next), sequence: next, fresh: false });
    expect(await codes.dossierIdForCode(code(next))).toBe(crashed);
    expect((await allocate()).sequence).toBe(next + 1);
  });

  it('starts a day after the numbers claimed since the counter was last written', async () => {
    const unit = '000.00.22.H26';
    const at = () => ({ unitCode: unit, receivedAt, commandId: randomUUID(), dossierId: randomUUID() });
    for (let i = 0; i < COUNTER_STRIDE + 3; i++) await codes.allocate(at());
    await codes.counterMoved();
    const counter = await db.collection<Doc>('daily_sequences').findOne({ _id: `${unit}:261203` });
    expect(counter?.next).toBe(COUNTER_STRIDE + 1); // written once a stride: it lags
    // A freshly started instance, which knows only what is stored.
    const restarted = new DossierCodeAllocator(db);
    expect((await restarted.allocate(at())).sequence).toBe(COUNTER_STRIDE + 4);
    expect((await codes.allocate(at())).sequence).toBe(COUNTER_STRIDE + 5); // stepped over the other's
  });

  it('steps over numbers claimed while the counter lagged behind', async () => {
    const counter = db.collection<{ _id: string; next: number }>('daily_sequences');
    await codes.counterMoved();
    const next = (await allocate()).sequence + 1;
    await counter.updateOne({ _id: `${unitCode}:261203` }, { $set: { next: next - 3 * COUNTER_STRIDE } });
    // A freshly started instance, which knows only what is stored.
    const restarted = new DossierCodeAllocator(db);
    const taken = await restarted.allocate({
      unitCode,
      receivedAt,
      commandId: randomUUID(),
      dossierId: randomUUID(),
    });
    expect(taken.sequence).toBe(next);
  });

  it('finds the dossier of a code, and none for a code never given', async () => {
    const dossierId = randomUUID();
    const { code: given } = await allocate(dossierId);
    expect(await codes.dossierIdForCode(given)).toBe(dossierId);
    expect(await codes.dossierIdForCode(code(9999))).toBeNull();
  });

  it("keeps the day's counter one small document however many dossiers it numbers", async () => {
    const unit = '000.00.99.H26';
    const counter = () => db.collection<Doc>('daily_sequences').findOne({ _id: `${unit}:261203` });
    for (let i = 0; i < 40; i++) await allocate(undefined, undefined, unit);
    await codes.counterMoved();
    expect(await counter()).toEqual({ _id: `${unit}:261203`, unitCode: unit, day: '261203', next: 41 });
  });

  it('continues a day counted in the old single document, and still resolves its codes', async () => {
    const unit = '000.00.77.H26';
    const old = randomUUID();
    await db.collection<Doc>('daily_sequences').insertOne({
      _id: `${unit}:261203`,
      unitCode: unit,
      day: '261203',
      last: 2,
      claims: [
        { commandId: 'a', sequence: 1, dossierId: randomUUID() },
        { commandId: 'b', sequence: 2, dossierId: old },
      ],
    });
    expect(await codes.dossierIdForCode(`${unit}-261203-0002`)).toBe(old);
    expect((await allocate(undefined, undefined, unit)).sequence).toBe(3);
    expect((await allocate(undefined, undefined, unit)).sequence).toBe(4);
  });

  it('refuses the 10,000th dossier of a unit’s day with a stable code, writing nothing for it', async () => {
    const unit = '000.00.88.H26';
    const counter = { _id: `${unit}:261203`, unitCode: unit, day: '261203', next: 9_998 };
    await db.collection<Doc>('daily_sequences').insertOne(counter);
    const fresh = new DossierCodeAllocator(db); // starts the day from the counter, as after a restart
    const take = (dossierId: string) =>
      fresh.allocate({ unitCode: unit, receivedAt, commandId: randomUUID(), dossierId });

    expect((await take(randomUUID())).code).toBe(`${unit}-261203-9998`);
    expect((await take(randomUUID())).code).toBe(`${unit}-261203-9999`);
    const refused = randomUUID();
    await expect(take(refused)).rejects.toMatchObject({
      code: 'DOSSIER_CODES_EXHAUSTED',
      httpStatus: 409,
      details: { unitCode: unit, day: '261203', limit: 9_999 },
    });
    await expect(take(randomUUID())).rejects.toMatchObject({ code: 'DOSSIER_CODES_EXHAUSTED' });
    expect(await db.collection<Doc>('dossier_numbers').findOne({ _id: refused })).toBeNull();
    expect(await db.collection<Doc>('dossier_codes').countDocuments({ _id: `${unit}-261203-10000` })).toBe(0);
    // a process that starts the full day refuses at once, without asking for codes past the limit
    await expect(
      new DossierCodeAllocator(db).allocate({ unitCode: unit, receivedAt, commandId: 'c', dossierId: 'd' }),
    ).rejects.toMatchObject({ code: 'DOSSIER_CODES_EXHAUSTED' });
  });
});
