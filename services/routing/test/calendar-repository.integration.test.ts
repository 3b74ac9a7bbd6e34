import { randomUUID } from 'node:crypto';
import { OFFICIAL_CALENDAR_YEARS } from '@motcua/calendar';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarProvider, CalendarRepository } from '../src/adapters/calendar-repository.js';

const at = (local: string) => new Date(`${local}+07:00`);

describe('the calendar repositories on the real MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;
  let repo: CalendarRepository;

  beforeAll(async () => {
    const url = process.env.MONGO_URL;
    if (!url) throw new Error('MONGO_URL is not set: run through the integration project (global setup)');
    client = await MongoClient.connect(url);
    db = client.db(`routing_calendar_${randomUUID().slice(0, 8)}`);
    repo = new CalendarRepository(db);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('seeds the official 2018–2026 schedules as version 1, and seeding again changes nothing', async () => {
    const years = OFFICIAL_CALENDAR_YEARS.map((y) => y.year);
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(await repo.seedYears()).toEqual({ published: years, unchanged: [] });
    const before = await db.collection('calendar_years').find({}).sort({ _id: 1 }).toArray();
    expect(before).toHaveLength(9);

    expect(await repo.seedYears()).toEqual({ published: [], unchanged: years });
    expect(await db.collection('calendar_years').find({}).sort({ _id: 1 }).toArray()).toEqual(before);

    const y2019 = await repo.year(2019);
    expect(y2019).toMatchObject({
      year: 2019,
      computed: false,
      currentVersion: 1,
      versions: [{ version: 1 }],
    });
    expect(y2019.current).toMatchObject({
      publishedBy: 'seed',
      workingSaturdays: ['2019-01-05', '2019-05-04'],
    });
    expect(y2019.current.daysOff).toContain('2018-12-31');
  });

  it('publishes a new version and keeps the old one; seeding afterwards does not undo it', async () => {
    const v1 = await repo.year(2026);
    const published = await repo.publishYear(
      2026,
      {
        daysOff: [...v1.current.daysOff, '2026-12-31'],
        workingSaturdays: [...v1.current.workingSaturdays],
        source: 'TB bổ sung',
      },
      'admin-1',
    );
    expect(published).toMatchObject({
      computed: false,
      currentVersion: 2,
      current: { version: 2, publishedBy: 'admin-1' },
    });
    expect(published.current.daysOff).toContain('2026-12-31');
    expect(published.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(published.versions[0]).toEqual(v1.current);

    await repo.seedYears();
    expect((await repo.year(2026)).currentVersion).toBe(2);
  });

  it('writes nothing when the overrides are invalid', async () => {
    const before = await db.collection('calendar_years').findOne({ _id: '2025' as never });
    await expect(
      repo.publishYear(
        2025,
        { daysOff: ['2025-01-04'], workingSaturdays: ['2025-01-04'], source: 'x' },
        'admin-1',
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { issues: expect.any(Array) } });
    expect(await db.collection('calendar_years').findOne({ _id: '2025' as never })).toEqual(before);
  });

  it('answers the computed default for a year without overrides, and publishes its first version', async () => {
    const computed = await repo.year(2030);
    expect(computed).toMatchObject({ year: 2030, computed: true, currentVersion: 0, versions: [] });
    expect(computed.current.daysOff).toContain('2030-04-30');
    const first = await repo.publishYear(
      2030,
      { daysOff: [...computed.current.daysOff], workingSaturdays: [], source: 'TB 2030' },
      'admin-1',
    );
    expect(first).toMatchObject({ computed: false, currentVersion: 1 });
  });

  it("versions a center's working hours; the defaults until it publishes its own", async () => {
    expect(await repo.workingHours('hue-city')).toMatchObject({
      isDefault: true,
      current: { morning: ['07:30', '11:30'], afternoon: ['13:30', '17:00'], cutoff: '15:00' },
    });
    const input = { morning: ['08:00', '12:00'], afternoon: ['13:00', '16:30'], cutoff: '14:00' };
    await repo.publishWorkingHours('hue-city', input, 'center-admin');
    const second = await repo.publishWorkingHours('hue-city', { ...input, cutoff: '14:30' }, 'center-admin');
    expect(second).toMatchObject({ isDefault: false, currentVersion: 2, current: { cutoff: '14:30' } });
    expect(second.versions.map((v) => [v.version, v.cutoff])).toEqual([
      [1, '14:00'],
      [2, '14:30'],
    ]);
    await expect(repo.publishWorkingHours('no-such-center', input, 'x')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(repo.workingHours('no-such-center')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.collection('center_working_hours').countDocuments()).toBe(1);
  });

  it('builds the calendars the service computes with from the current versions', async () => {
    const provider = new CalendarProvider(repo);
    await provider.refresh();
    await repo.publishYear(
      2027,
      { daysOff: ['2027-03-01'], workingSaturdays: ['2027-03-06'], source: 'TB 2027' },
      'admin-1',
    );
    const friday = at('2027-03-05T09:00:00');
    const limit = { value: 1, unit: 'working_days' } as const;
    expect(provider.calendarFor('other').dueAt(friday, limit)).toEqual(at('2027-03-08T17:00:00'));
    await provider.refresh();
    expect(provider.calendarFor('other').dueAt(friday, limit)).toEqual(at('2027-03-06T17:00:00'));
    // hue-city's own hours (ends 16:30)
    expect(provider.calendarFor('hue-city').dueAt(friday, limit)).toEqual(at('2027-03-06T16:30:00'));
  });
});
