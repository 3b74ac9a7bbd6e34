import { randomBytes, randomUUID } from 'node:crypto';
import type { HttpApp } from '@motcua/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeHttp, multipart, REQUEST, startIntakeHttp } from './intake-http.js';

// Intake's HTTP routes for online submissions over a real FerretDB (event store, GridFS).
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);

describe('documents of an online submission, over HTTP', () => {
  let intake: IntakeHttp;
  let http: HttpApp;
  let counter: Record<string, string> = {};

  const submit = async () => {
    const res = await http.inject({
      method: 'POST',
      url: '/online-submissions',
      payload: {
        commandId: randomUUID(),
        submissionSecret: randomUUID(),
        procedureCode: '2.000575',
        centerId: 'hue-city',
        applicant: { fullName: 'Mai Thị Trực Tuyến', idNumber: '046190007777' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { dossierId: string; uploadKey: string };
  };
  const uploadTo = (dossierId: string, uploadKey: string, data: Buffer, commandId = randomUUID()) => {
    const body = multipart([
      { name: 'uploadKey', value: uploadKey },
      { name: 'commandId', value: commandId },
      { name: 'documentName', value: REQUEST },
      { name: 'file', filename: 'don.pdf', data },
    ]);
    return http.inject({
      method: 'POST',
      url: `/online-submissions/${dossierId}/documents`,
      payload: body.payload,
      headers: body.headers,
    });
  };
  const files = () => intake.files();
  const eventsOf = (dossierId: string) => intake.eventsOf(dossierId);

  beforeAll(async () => {
    intake = await startIntakeHttp();
    http = intake.http;
    counter = await intake.headersOf({ userId: 'counter-1', role: 'counter_officer', centerId: 'hue-city' });
  });
  afterAll(async () => {
    await intake?.close();
  });

  it('takes a file with the upload key answered at submission, and the counter sees and opens it', async () => {
    const { dossierId, uploadKey } = await submit();
    const bytes = pdf();
    const res = await uploadTo(dossierId, uploadKey, bytes);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ duplicate: false, document: { name: REQUEST, size: bytes.length } });
    expect(await eventsOf(dossierId)).toEqual(['DossierSubmittedOnline', 'OnlineDocumentAttached']);

    const seen = await http.inject({ method: 'GET', url: `/dossiers/${dossierId}`, headers: counter });
    const attached = seen.json().attachedDocuments;
    expect(attached).toEqual([expect.objectContaining({ name: REQUEST, size: bytes.length })]);
    const file = await http.inject({
      method: 'GET',
      url: `/documents/${attached[0].documentId}`,
      headers: counter,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses a wrong upload key in both languages and stores nothing', async () => {
    const { dossierId } = await submit();
    const before = await files();
    const res = await uploadTo(dossierId, 'A'.repeat(43), pdf());
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: { vi: expect.stringContaining('Mã tải lên'), en: expect.stringContaining('upload key') },
    });
    expect(await files()).toBe(before);
    expect(await eventsOf(dossierId)).toEqual(['DossierSubmittedOnline']);
  });

  it("refuses one submission's key on another submission", async () => {
    const first = await submit();
    const second = await submit();
    const res = await uploadTo(second.dossierId, first.uploadKey, pdf());
    expect(res.statusCode).toBe(403);
    expect(await eventsOf(second.dossierId)).toEqual(['DossierSubmittedOnline']);
  });

  it('keeps one attachment when the same bytes are uploaded again', async () => {
    const { dossierId, uploadKey } = await submit();
    const bytes = pdf();
    await uploadTo(dossierId, uploadKey, bytes);
    const before = await files();
    const again = await uploadTo(dossierId, uploadKey, bytes);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await files()).toBe(before);
    expect(await eventsOf(dossierId)).toEqual(['DossierSubmittedOnline', 'OnlineDocumentAttached']);
  });

  it('hands the attached files to reception, and they are re-used only with the dossier code and look-up key', async () => {
    const earlier = await submit();
    await uploadTo(earlier.dossierId, earlier.uploadKey, pdf());
    const received = await http.inject({
      method: 'POST',
      url: `/dossiers/${earlier.dossierId}/reception`,
      headers: counter,
      payload: { commandId: randomUUID() },
    });
    expect(received.statusCode).toBe(200);
    const dossier = received.json();
    const receipt = await http.inject({
      method: 'GET',
      url: `/dossiers/${earlier.dossierId}/receipt`,
      headers: counter,
    });
    const { lookupKey } = receipt.json();
    expect(dossier.documents).toEqual([
      expect.objectContaining({ name: REQUEST, documentId: expect.any(String) }),
    ]);
    expect(await eventsOf(earlier.dossierId)).toContain('DossierReceived');
    const late = await uploadTo(earlier.dossierId, earlier.uploadKey, pdf());
    expect(late.statusCode).toBe(409);

    const next = await submit();
    const reuse = (key: string) =>
      http.inject({
        method: 'POST',
        url: `/online-submissions/${next.dossierId}/reused-documents`,
        payload: {
          commandId: randomUUID(),
          uploadKey: next.uploadKey,
          dossierCode: dossier.dossierCode,
          lookupKey: key,
        },
      });
    const wrong = await reuse(lookupKey === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA');
    expect(wrong.statusCode).toBe(404);
    expect(await eventsOf(next.dossierId)).toEqual(['DossierSubmittedOnline']);
    const right = await reuse(lookupKey);
    expect(right.statusCode).toBe(200);
    expect(right.json().documents).toEqual([
      expect.objectContaining({ name: REQUEST, reusedFromDossierId: earlier.dossierId }),
    ]);
  });

  it('answers its state to the submitter with the upload key: receipt number and files, then the code and key once received', async () => {
    const submitted = await submit();
    const state = () =>
      http.inject({
        method: 'POST',
        url: `/online-submissions/${submitted.dossierId}/state`,
        payload: { uploadKey: submitted.uploadKey },
      });
    await uploadTo(submitted.dossierId, submitted.uploadKey, pdf());
    const waiting = (await state()).json();
    expect(waiting).toMatchObject({
      status: 'submitted',
      documents: [expect.objectContaining({ name: REQUEST })],
    });
    expect(waiting.receiptNumber).toMatch(/^\d{6}-[A-HJ-NP-Z2-9]{8}$/);
    expect(waiting).not.toHaveProperty('lookupKey');
    const found = await http.inject({
      method: 'GET',
      url: `/dossiers/${waiting.receiptNumber}`,
      headers: counter,
    });
    expect(found.json().dossierId).toBe(submitted.dossierId);

    await http.inject({
      method: 'POST',
      url: `/dossiers/${submitted.dossierId}/reception`,
      headers: counter,
      payload: { commandId: randomUUID() },
    });
    const receipt = await http.inject({
      method: 'GET',
      url: `/dossiers/${submitted.dossierId}/receipt`,
      headers: counter,
    });
    const received = (await state()).json();
    expect(received).toMatchObject({
      status: 'received',
      receiptNumber: waiting.receiptNumber,
      dossierCode: receipt.json().dossierCode,
      lookupKey: receipt.json().lookupKey,
    });
    const wrong = await http.inject({
      method: 'POST',
      url: `/online-submissions/${submitted.dossierId}/state`,
      payload: { uploadKey: 'A'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).not.toHaveProperty('lookupKey');
  });

  it('refuses a submission with no phone, e-mail or ID number, and records nothing', async () => {
    const commandId = randomUUID();
    const res = await http.inject({
      method: 'POST',
      url: '/online-submissions',
      payload: {
        commandId,
        submissionSecret: randomUUID(),
        procedureCode: '2.000575',
        centerId: 'hue-city',
        applicant: { fullName: 'Người Không Liên Lạc', address: 'Huế' },
        documents: [{ name: REQUEST, original: true, count: 1 }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      message: { vi: expect.stringContaining('Cần ít nhất một cách liên hệ'), en: expect.any(String) },
      details: { rule: 'intake.online-applicant-reachable' },
    });
  });
});
