import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '@motcua/auth';
import type { RecordedEvent } from '@motcua/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, multipart, REQUEST, startIntakeHttp } from './intake-http.js';

// The electronic result file over HTTP on a real FerretDB: attached at the counter, downloaded by the
// dossier's own applicant only.
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
const COUNTER = { userId: 'counter-1', role: 'counter_officer', centerId: 'hue-city' } as const;

async function dossierWithResult(intake: IntakeHttp, idNumber: string) {
  const received = await intake.http.inject({
    method: 'POST',
    url: '/dossiers',
    headers: await intake.headersOf(COUNTER),
    payload: {
      commandId: randomUUID(),
      procedureCode: '2.000575',
      channel: 'counter',
      applicant: { fullName: 'Lý Thị Kết Quả', idNumber },
      documents: [{ name: REQUEST, original: true, count: 1 }],
    },
  });
  expect(received.statusCode).toBe(201);
  const dossierId: string = received.json().dossier.dossierId;
  // Routing's DossierProcessingCompleted, as the Kafka consumer would hand it over.
  await intake.app.onEvent({
    eventId: randomUUID(),
    type: 'DossierProcessingCompleted',
    producer: 'routing',
    dossierId,
    correlationId: randomUUID(),
    payload: { outcome: 'approved' },
  } as unknown as RecordedEvent);
  return dossierId;
}

const attach = async (intake: IntakeHttp, dossierId: string, data: Buffer, by: Principal = COUNTER) => {
  const body = multipart([
    { name: 'commandId', value: randomUUID() },
    { name: 'file', filename: 'Giấy chứng nhận.pdf', data },
  ]);
  return intake.http.inject({
    method: 'POST',
    url: `/dossiers/${dossierId}/result-file`,
    payload: body.payload,
    headers: { ...(await intake.headersOf(by)), ...body.headers },
  });
};

describe('the electronic result file, over HTTP', () => {
  let intake: IntakeHttp;
  beforeAll(async () => {
    intake = await startIntakeHttp();
  });
  afterAll(async () => {
    await intake?.close();
  });

  it("is attached by the counter and downloaded by the dossier's applicant, not by another applicant", async () => {
    const dossierId = await dossierWithResult(intake, '046190003333');
    const bytes = pdf();
    const attached = await attach(intake, dossierId, bytes);
    expect(attached.statusCode).toBe(200);
    expect(attached.json().resultFile).toMatchObject({ size: bytes.length, contentType: 'application/pdf' });
    expect(await intake.eventsOf(dossierId)).toContain('ResultFileAttached');

    const url = `/dossiers/${dossierId}/result-file`;
    const own = await intake.http.inject({
      method: 'GET',
      url,
      headers: await intake.headersOf({ userId: 'applicant:046190003333', role: 'applicant' }),
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(bytes)).toBe(true);
    const other = await intake.http.inject({
      method: 'GET',
      url,
      headers: await intake.headersOf({ userId: 'applicant:046190002222', role: 'applicant' }),
    });
    expect(other.statusCode).toBe(403);
    expect((await intake.http.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it("is attached during the processing by the leader who signs the last step, not by another center's department", async () => {
    const received = await intake.http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(COUNTER),
      payload: {
        commandId: randomUUID(),
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName: 'Đang Xử Lý' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    const dossierId: string = received.json().dossier.dossierId;
    // Routing's DossierWorkflowAssigned, as the Kafka consumer would hand it over: the processing runs.
    await intake.app.onEvent({
      eventId: randomUUID(),
      type: 'DossierWorkflowAssigned',
      producer: 'routing',
      streamVersion: 1,
      dossierId,
      correlationId: randomUUID(),
      payload: {},
    } as unknown as RecordedEvent);
    const elsewhere = await attach(intake, dossierId, pdf(), {
      userId: 'officer.tckh.danang',
      role: 'department_officer',
      centerId: 'da-nang',
      departmentId: 'da-nang.finance-planning',
    });
    expect(elsewhere.statusCode).toBe(403);
    const signed = await attach(intake, dossierId, pdf(), {
      userId: 'leader.hue',
      role: 'district_leader',
      centerId: 'hue-city',
      departmentId: 'hue-city.leadership',
    });
    expect(signed.statusCode).toBe(200);
    expect(await intake.eventsOf(dossierId)).toContain('ResultFileAttached');
  });

  it('is refused before the result exists, in both languages, and leaves no file behind', async () => {
    const received = await intake.http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(COUNTER),
      payload: {
        commandId: randomUUID(),
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName: 'Chưa Có Kết Quả' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    const dossierId = received.json().dossier.dossierId;
    const before = await intake.files();
    const res = await attach(intake, dossierId, pdf());
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      message: { vi: expect.any(String), en: expect.stringContaining('result') },
    });
    expect(await intake.files()).toBe(before);
    const none = await intake.http.inject({
      method: 'GET',
      url: `/dossiers/${dossierId}/result-file`,
      headers: await intake.headersOf(COUNTER),
    });
    expect(none.statusCode).toBe(404);
  });
});

describe('the electronic result file of a procedure that issues only paper', () => {
  let intake: IntakeHttp;
  beforeAll(async () => {
    intake = await startIntakeHttp({ resultTypes: ['paper'] });
  });
  afterAll(async () => {
    await intake?.close();
  });

  it('cannot be attached, and nothing is stored', async () => {
    const dossierId = await dossierWithResult(intake, '046190001111');
    const res = await attach(intake, dossierId, pdf());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({ rule: 'intake.result-file-electronic-only' });
    expect(await intake.files()).toBe(0);
    expect(await intake.eventsOf(dossierId)).not.toContain('ResultFileAttached');
  });
});
