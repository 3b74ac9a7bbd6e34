import { randomBytes, randomUUID } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET, installHttpGuard, Tokens } from '@motcua/auth';
import type { CatalogueServiceClient } from '@motcua/contracts';
import { EventStore, ManualClock } from '@motcua/eventstore';
import type { PromiseClient } from '@motcua/grpc';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { type ServiceDeps, validateNewEvent } from '@motcua/runtime';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierCodeAllocator } from '../src/adapters/code-allocator.js';
import { onlineQueueRoutes, receiptRoutes } from '../src/adapters/counter-routes.js';
import { documentRoutes } from '../src/adapters/document-routes.js';
import { DocumentStore } from '../src/adapters/document-store.js';
import { intakeRoutes } from '../src/adapters/http-routes.js';
import { onlineSubmissionRoutes } from '../src/adapters/online-submission-routes.js';
import { IntakeApp } from '../src/app/intake-app.js';
import { intakeStreamId } from '../src/domain/dossier.js';

// Intake's HTTP routes for online submissions over a real FerretDB (event store, GridFS); routing's
// catalogue answers over gRPC in production, here a fixed procedure stands in for it.
const MAX_BYTES = 1_000_000;
const REQUEST = 'Giấy đề nghị đăng ký hộ kinh doanh';
const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
const catalogue = {
  call: async (method: string) =>
    method === 'getProcedure'
      ? {
          code: '2.000575',
          version: 1,
          name: 'Đăng ký thành lập hộ kinh doanh',
          legalTimeLimit: { value: 3, unit: 'working_days' },
          details: { requiredDocuments: [{ name: REQUEST, conditional: '' }], cutoffApplies: false },
        }
      : { appointmentAt: '2026-03-05T10:00:00.000Z' },
  close: () => undefined,
} as unknown as PromiseClient<CatalogueServiceClient>;

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };
function multipart(parts: Part[]) {
  const boundary = `----motcua${randomUUID()}`;
  const chunks = parts.flatMap((p) => {
    const disposition = `Content-Disposition: form-data; name="${p.name}"`;
    return 'value' in p
      ? [Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n${p.value}\r\n`)]
      : [
          Buffer.from(
            `--${boundary}\r\n${disposition}; filename="${p.filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          p.data,
          Buffer.from('\r\n'),
        ];
  });
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('documents of an online submission, over HTTP', () => {
  let client: MongoClient;
  let db: Db;
  let http: HttpApp;
  let store: EventStore;
  let counter: Record<string, string> = {};
  const clock = new ManualClock(new Date('2026-03-02T08:00:00+07:00'));

  const submit = async () => {
    const res = await http.inject({
      method: 'POST',
      url: '/online-submissions',
      payload: {
        commandId: randomUUID(),
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
  const files = () => db.collection('documents.files').countDocuments();
  const eventsOf = async (dossierId: string) =>
    ((await store.read(intakeStreamId(dossierId)))?.events ?? []).map((e) => e.type);

  beforeAll(async () => {
    const { accessToken } = await tokens.issue({
      userId: 'counter-1',
      role: 'counter_officer',
      centerId: 'hue-city',
    });
    counter = { authorization: `Bearer ${accessToken}` };
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`intake_online_${randomUUID().slice(0, 8)}`);
    store = new EventStore({ db, producer: 'intake', clock, validate: validateNewEvent });
    const documents = new DocumentStore(db, { maxBytes: MAX_BYTES, clock });
    const deps = { db, store, clock } as unknown as ServiceDeps;
    const app = new IntakeApp(deps, catalogue, new DossierCodeAllocator(db), 'test-secret', documents);
    const logger = createLogger({ service: 'intake', level: 'silent' });
    http = await buildHttpApp({
      service: 'intake',
      version: 'test',
      logger,
      routes: async (scope) => {
        const loaders = {
          dossier: async (id: string) => {
            const d = await app.find(id);
            return { centerId: d.centerId, applicantId: d.applicantId };
          },
          document: (id: string) => documents.resourceOf(id),
        };
        installHttpGuard(scope, { service: 'intake', tokens, logger, loaders });
        await intakeRoutes(app)(scope);
        await documentRoutes(documents, { maxBytes: MAX_BYTES })(scope);
        await onlineQueueRoutes(app)(scope);
        await receiptRoutes(app)(scope);
        await onlineSubmissionRoutes(app, documents, { maxBytes: MAX_BYTES })(scope);
      },
    });
  });
  afterAll(async () => {
    await http?.close();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
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
});
