import { randomBytes, randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@motcua/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, multipart, REQUEST, startIntakeHttp } from './intake-http.js';

// Security findings (issue 13, part 5) at the counter: an electronic return needs the result file,
// and a refusal at the counter names a procedure that exists (else nothing is written or counted).
const COUNTER = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;

describe("the counter's decisions, checked against what exists", () => {
  let intake: IntakeHttp;
  beforeAll(async () => {
    intake = await startIntakeHttp();
  });
  afterAll(async () => intake?.close());

  const post = async (url: string, payload: object) =>
    intake.http.inject({ method: 'POST', url, headers: await intake.headersOf(COUNTER), payload });

  async function resultAtCounter(idNumber: string): Promise<string> {
    const received = await post('/dossiers', {
      commandId: randomUUID(),
      procedureCode: '2.000575',
      channel: 'counter',
      applicant: { fullName: 'Lê Văn Trả Về', idNumber },
      documents: [{ name: REQUEST, original: true, count: 1 }],
    });
    expect(received.statusCode).toBe(201);
    const dossierId: string = received.json().dossier.dossierId;
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
  const returnOnline = (dossierId: string) =>
    post(`/dossiers/${dossierId}/result-return`, {
      commandId: randomUUID(),
      method: 'electronic',
      receiverName: 'Lê Văn Trả Về',
    });

  it('refuses an electronic return with no result file attached (409), and returns it once the file is there', async () => {
    const dossierId = await resultAtCounter('046190007771');
    const refused = await returnOnline(dossierId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'FORBIDDEN_TRANSITION',
      details: { rule: 'intake.electronic-return-needs-file' },
      message: { vi: expect.any(String), en: expect.stringContaining('electronic result file') },
    });
    expect(await intake.eventsOf(dossierId)).not.toContain('ResultReturned');

    const body = multipart([
      { name: 'commandId', value: randomUUID() },
      {
        name: 'file',
        filename: 'Kết quả.pdf',
        data: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]),
      },
    ]);
    const attached = await intake.http.inject({
      method: 'POST',
      url: `/dossiers/${dossierId}/result-file`,
      payload: body.payload,
      headers: { ...(await intake.headersOf(COUNTER)), ...body.headers },
    });
    expect(attached.statusCode).toBe(200);
    expect((await returnOnline(dossierId)).statusCode).toBe(200);
    expect(await intake.eventsOf(dossierId)).toContain('ResultReturned');
  });

  it('refuses a counter refusal for a procedure code that does not exist (404), writing nothing', async () => {
    const commandId = randomUUID();
    // stream heads: the outbox pointers beside them come and go as the relay publishes
    const heads = () => intake.db.collection('streams').countDocuments({ commands: { $exists: true } });
    const before = await heads();
    const refused = await post('/dossier-refusals', {
      commandId,
      procedureCode: '9.999999',
      reasons: ['Thiếu giấy tờ'],
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('PROCEDURE_NOT_FOUND');
    expect(await heads()).toBe(before);

    const known = await post('/dossier-refusals', {
      commandId: randomUUID(),
      procedureCode: '2.000575',
      reasons: ['Thiếu giấy tờ'],
    });
    expect(known.statusCode).toBe(200);
  });
});
