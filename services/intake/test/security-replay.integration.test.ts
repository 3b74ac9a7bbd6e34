import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@motcua/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, REQUEST, startIntakeHttp } from './intake-http.js';

// Security finding (issue 13, part 2): a command id belongs to whoever used it first. Retried by
// anyone else (another center's counter, an anonymous caller, a submitter without its secret) it is
// refused with 409 COMMAND_ID_CONFLICT and the answer names no dossier, code or key.
const HUE = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' } as const;
const HUONG_THUY = { userId: 'counter.huongthuy', role: 'counter_officer', centerId: 'huong-thuy' } as const;

describe('replayed command ids', () => {
  let intake: IntakeHttp;
  let http: HttpApp;
  beforeAll(async () => {
    intake = await startIntakeHttp();
    http = intake.http;
  });
  afterAll(async () => intake.close());

  const receive = async (by: typeof HUE | typeof HUONG_THUY, commandId: string) =>
    http.inject({
      method: 'POST',
      url: '/dossiers',
      headers: await intake.headersOf(by),
      payload: {
        commandId,
        procedureCode: '2.000575',
        channel: 'counter',
        applicant: { fullName: 'Nguyễn Văn Lặp Lại', idNumber: '046190004444' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
  const submitOnline = (commandId: string, submissionSecret: string) =>
    http.inject({
      method: 'POST',
      url: '/online-submissions',
      payload: {
        commandId,
        submissionSecret,
        procedureCode: '2.000575',
        centerId: 'hue-city',
        applicant: { fullName: 'Trần Thị Trực Tuyến', idNumber: '046190005555' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
  const expectRefusedBlind = (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { code: string } }).error.code).toBe('COMMAND_ID_CONFLICT');
    expect(res.body).not.toMatch(/dossierId|dossierCode|lookupKey|uploadKey|Lặp Lại|Trực Tuyến/);
  };

  it('answers the same counter officer the same dossier again, and another center 409 without it', async () => {
    const commandId = randomUUID();
    const first = await receive(HUE, commandId);
    expect(first.statusCode).toBe(201);
    const again = await receive(HUE, commandId);
    expect(again.json().dossier.dossierId).toBe(first.json().dossier.dossierId);
    expect(again.json().lookupKey).toBe(first.json().lookupKey);
    expectRefusedBlind(await receive(HUONG_THUY, commandId));
  });

  it('writes nothing for a command id refused at another center: its next dossier is numbered on', async () => {
    const commandId = randomUUID();
    expect((await receive(HUE, commandId)).statusCode).toBe(201);
    const codes = () => intake.db.collection('dossier_codes').countDocuments();
    const before = await codes();
    expectRefusedBlind(await receive(HUONG_THUY, commandId));
    expect(await codes()).toBe(before);
    const next = (await receive(HUONG_THUY, randomUUID())).json().dossier.dossierCode as string;
    const again = (await receive(HUONG_THUY, randomUUID())).json().dossier.dossierCode as string;
    expect(Number(again.slice(-4))).toBe(Number(next.slice(-4)) + 1);
    expect(await codes()).toBe(before + 2);
  });

  it("refuses an anonymous online submission that reuses a counter dossier's command id", async () => {
    const commandId = randomUUID();
    expect((await receive(HUE, commandId)).statusCode).toBe(201);
    expectRefusedBlind(await submitOnline(commandId, randomUUID()));
  });

  it('answers a retried online submission (and its upload key) only with the same submission secret', async () => {
    const commandId = randomUUID();
    const secret = randomUUID();
    const first = await submitOnline(commandId, secret);
    expect(first.statusCode).toBe(201);
    const retry = await submitOnline(commandId, secret);
    expect(retry.json().uploadKey).toBe(first.json().uploadKey);
    expectRefusedBlind(await submitOnline(commandId, randomUUID()));
  });

  it('refuses a counter refusal that reuses an online submission command id', async () => {
    const commandId = randomUUID();
    expect((await submitOnline(commandId, randomUUID())).statusCode).toBe(201);
    const refusal = await http.inject({
      method: 'POST',
      url: '/dossier-refusals',
      headers: await intake.headersOf(HUONG_THUY),
      payload: { commandId, procedureCode: '2.000575', reasons: ['Thiếu giấy tờ'] },
    });
    expectRefusedBlind(refusal);
  });

  it('refuses an online submission without a submission secret (400)', async () => {
    const res = await submitOnline(randomUUID(), '');
    expect(res.statusCode).toBe(400);
  });
});
