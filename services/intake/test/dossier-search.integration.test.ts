import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeStreamId } from '../src/domain/dossier.js';
import { type IntakeHttp, REQUEST, startIntakeHttp } from './intake-http.js';

// The counter finds a dossier by name, phone, ID number or part of its code, from the bounded index
// intake keeps of its own events (here handed to it as the log would), on the real FerretDB.
const COUNTER = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;
const OTHER_CENTER = { userId: 'counter.ht', role: 'counter_officer', centerId: 'huong-thuy' } as const;
const OFFICER = {
  userId: 'officer.tckh.hue',
  role: 'department_officer',
  centerId: 'hue-city',
  departmentId: 'hue-city.finance-planning',
} as const;

describe("the counter's dossier search", () => {
  let intake: IntakeHttp;
  beforeAll(async () => {
    intake = await startIntakeHttp({ logins: true });
  });
  afterAll(async () => intake?.close());

  async function received(fullName: string, phone: string, idNumber: string): Promise<string> {
    const r = await intake.http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(COUNTER),
      payload: {
        commandId: randomUUID(),
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName, phone, idNumber },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const dossierId: string = r.json().dossier.dossierId;
    // what the consumer does with intake's own events from the log
    for (const e of (await intake.store.read(intakeStreamId(dossierId)))!.events) await intake.app.onEvent(e);
    return r.json().dossier.dossierCode as string;
  }

  const search = async (query: string, who: object = COUNTER, centerId = 'hue-city') =>
    intake.http.inject({
      method: 'POST',
      url: `/centers/${centerId}/dossier-search`,
      headers: await intake.headersOf(who as typeof COUNTER),
      payload: { query },
    });
  const codesFound = async (query: string, who: object = COUNTER) =>
    ((await search(query, who)).json().hits as { dossierCode: string }[]).map((h) => h.dossierCode);

  it('finds a dossier by a name typed without diacritics, a phone, an ID number and the tail of its code', async () => {
    const tam = await received('Lê Văn Tám', '0905 111 222', '046190005551');
    const bay = await received('Lê Thị Bảy', '0905333444', '046190005552');
    expect(await codesFound('le van tam')).toEqual([tam]);
    expect((await codesFound('Lê')).sort()).toEqual([bay, tam].sort());
    expect(await codesFound('0905.111.222')).toEqual([tam]);
    expect(await codesFound('046190005552')).toEqual([bay]);
    const tail = bay.split('-').slice(-2).join('-');
    expect(await codesFound(tail)).toEqual([bay]);
    expect(await codesFound(bay.toLowerCase())).toEqual([bay]);
    // a department officer of the center searches the same index (the queue's search)
    expect(await codesFound('Bảy', OFFICER)).toEqual([bay]);
    const hit = (await search('Tám')).json().hits[0];
    expect(hit).toMatchObject({
      applicantFullName: 'Lê Văn Tám',
      procedureName: 'Đăng ký thành lập hộ kinh doanh',
    });
  });

  it("refuses another center's officer (403) and a query too short to mean anything (400)", async () => {
    expect((await search('Tám', OTHER_CENTER)).statusCode).toBe(403);
    const short = await search('a');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('INVALID_INPUT');
  });

  it("lists the center's officers by full name, to the center's staff only", async () => {
    const own = await intake.http.inject({
      method: 'GET',
      url: '/centers/hue-city/officers',
      headers: await intake.headersOf(OFFICER),
    });
    expect(own.statusCode, own.body).toBe(200);
    const officers = own.json() as { userId: string; displayName: string; passwordHash?: string }[];
    expect(officers.find((o) => o.userId === 'officer.tckh.hue')?.displayName).toMatch(/Trần Văn Nam/);
    expect(officers.every((o) => o.passwordHash === undefined)).toBe(true);
    const other = await intake.http.inject({
      method: 'GET',
      url: '/centers/hue-city/officers',
      headers: await intake.headersOf(OTHER_CENTER),
    });
    expect(other.statusCode).toBe(403);
  });
});
