import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DEVELOPMENT_JWT_SECRET, installHttpGuard, Tokens } from '@motcua/auth';
import { ManualClock } from '@motcua/eventstore';
import { buildHttpApp, type HttpApp } from '@motcua/http';
import { createLogger } from '@motcua/logger';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRoutes } from '../src/adapters/document-routes.js';
import { DocumentStore } from '../src/adapters/document-store.js';

// Above the app's 1 MiB body limit (multipart streams past it) and GridFS's 255 KiB chunk, so a
// refused upload has already written chunks.
const MAX_BYTES = 1_500_000;
const APPLICANT = '079203001234';
const tokens = new Tokens({ secret: DEVELOPMENT_JWT_SECRET });
let officer: Record<string, string> = {};
let otherCenter: Record<string, string> = {};
let board: Record<string, string> = {};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(2000)]);

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body built by hand: parts in exactly the order given. */
function multipart(parts: Part[]) {
  const boundary = `----motcua${randomUUID()}`;
  const chunks = parts.flatMap((p) => {
    const disposition = `Content-Disposition: form-data; name="${p.name}"`;
    return 'value' in p
      ? [Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n${p.value}\r\n`)]
      : [
          Buffer.from(
            `--${boundary}\r\n${disposition}; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`,
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

const file = (data: Buffer, filename = 'scan.pdf', type = 'application/pdf') =>
  ({ name: 'file', filename, type, data }) as const;

describe('scanned documents in GridFS, over HTTP', () => {
  let client: MongoClient;
  let db: Db;
  let app: HttpApp;
  let store: DocumentStore;
  const clock = new ManualClock(new Date('2026-03-02T08:00:00+07:00'));

  // Sent in 64 KiB pieces, as a network would, so a refused file has reached GridFS in part.
  const upload = (parts: Part[], headers: Record<string, string> = officer) => {
    const body = multipart(parts);
    const pieces = Array.from({ length: Math.ceil(body.payload.length / 65536) }, (_, i) =>
      body.payload.subarray(i * 65536, (i + 1) * 65536),
    );
    return app.inject({
      method: 'POST',
      url: '/documents',
      payload: Readable.from(pieces),
      headers: { ...headers, ...body.headers },
    });
  };
  const stored = async () => ({
    files: await db.collection('documents.files').countDocuments(),
    chunks: await db.collection('documents.chunks').countDocuments(),
  });

  beforeAll(async () => {
    const { accessToken } = await tokens.issue({
      userId: 'officer-7',
      role: 'counter_officer',
      centerId: 'hue',
    });
    officer = { authorization: `Bearer ${accessToken}` };
    const bearer = async (claims: Parameters<Tokens['issue']>[0]) =>
      `Bearer ${(await tokens.issue(claims)).accessToken}`;
    otherCenter = {
      authorization: await bearer({
        userId: 'counter.huongthuy',
        role: 'counter_officer',
        centerId: 'huong-thuy',
      }),
    };
    board = { authorization: await bearer({ userId: 'board-1', role: 'supervision_board' }) };
    client = await MongoClient.connect(process.env.MONGO_URL!);
    db = client.db(`intake_documents_${randomUUID().slice(0, 8)}`);
    store = new DocumentStore(db, { maxBytes: MAX_BYTES, clock });
    const logger = createLogger({ service: 'intake', level: 'silent' });
    app = await buildHttpApp({
      service: 'intake',
      version: 'test',
      logger,
      routes: async (scope) => {
        // The real permission bindings (packages/auth): actorOf reads the token this guard verified.
        const loaders = { document: (id: string) => store.resourceOf(id) };
        installHttpGuard(scope, { service: 'intake', tokens, logger, loaders });
        await documentRoutes(store, { maxBytes: MAX_BYTES })(scope);
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('stores an upload with its hash and streams it back with type and a UTF-8 file name', async () => {
    const bytes = pdf(1_200_000);
    const res = await upload([
      { name: 'applicantIdNumber', value: APPLICANT },
      { name: 'documentName', value: 'Giấy khai sinh (bản sao)' },
      file(bytes, 'IMG_0001.pdf'),
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      documentId: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Giấy khai sinh (bản sao)',
      sha256: sha256(bytes),
      size: bytes.length,
      contentType: 'application/pdf',
      uploadedAt: '2026-03-02T01:00:00.000Z',
      duplicate: false,
    });
    expect(await stored()).toEqual({ files: 1, chunks: 5 });

    const down = await app.inject({ method: 'GET', url: `/documents/${body.documentId}`, headers: officer });
    expect(down.statusCode).toBe(200);
    expect(sha256(down.rawPayload)).toBe(body.sha256);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-length']).toBe(String(bytes.length));
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(down.headers['content-disposition']);
    expect(disposition.startsWith('attachment; filename="Giay khai sinh _ban sao_.pdf"')).toBe(true);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('Giấy khai sinh (bản sao).pdf');

    const inline = await app.inject({
      method: 'GET',
      url: `/documents/${body.documentId}?disposition=inline`,
      headers: officer,
    });
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline; /);
  });

  it('refuses a file over the limit with 413 and leaves no file and no chunk behind', async () => {
    const before = await stored();
    const res = await upload([{ name: 'applicantIdNumber', value: APPLICANT }, file(pdf(MAX_BYTES + 1))]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      message: { vi: expect.stringContaining('dung lượng'), en: expect.stringContaining('limit') },
      details: { maxBytes: MAX_BYTES },
    });
    expect(await stored()).toEqual(before);
    // exactly at the limit is fine
    const atLimit = await upload([{ name: 'applicantIdNumber', value: APPLICANT }, file(pdf(MAX_BYTES))]);
    expect(atLimit.statusCode).toBe(201);
  });

  it('refuses a disguised executable named .pdf with 415 by its bytes, writing nothing', async () => {
    const before = await stored();
    const res = await upload([
      { name: 'applicantIdNumber', value: APPLICANT },
      file(EXE, 'Đơn đề nghị.pdf', 'application/pdf'),
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      message: { vi: expect.any(String), en: expect.any(String) },
    });
    expect(await stored()).toEqual(before);
  });

  it('returns the earlier document when the applicant uploads the same bytes again', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(5000),
    ]);
    const first = await upload([
      { name: 'applicantIdNumber', value: APPLICANT },
      file(bytes, 'cccd.png', 'image/png'),
    ]);
    expect(first.statusCode).toBe(201);
    const before = await stored();
    const again = await upload([
      { name: 'applicantIdNumber', value: APPLICANT },
      { name: 'documentName', value: 'CCCD lần 2' },
      file(bytes, 'other.png', 'image/png'),
    ]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      documentId: first.json().documentId,
      name: 'cccd.png',
      duplicate: true,
    });
    expect(await stored()).toEqual(before);

    // another applicant's identical bytes are that applicant's own document
    const other = await upload([
      { name: 'applicantIdNumber', value: '123456789' },
      file(bytes, 'x.png', 'image/png'),
    ]);
    expect(other.statusCode).toBe(201);
    expect(other.json().documentId).not.toBe(first.json().documentId);
  });

  it('keeps one document when the same bytes arrive twice at once', async () => {
    const bytes = pdf(3000);
    const applicant = '001099000111';
    const results = await Promise.all(
      [1, 2].map(() => upload([{ name: 'applicantIdNumber', value: applicant }, file(bytes)])),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(results.map((r) => r.json().documentId)).size).toBe(1);
    const listed = await store.listForApplicant(applicant);
    expect(listed).toHaveLength(1);
    expect(
      await db.collection('documents.files').countDocuments({ 'metadata.applicantIdNumber': applicant }),
    ).toBe(1);
  });

  it("lists the applicant's documents for re-use, with uploader and the dossiers that used them", async () => {
    const applicant = '038188000222';
    const ids: string[] = [];
    for (const [i, name] of ['Sổ hộ khẩu', 'Giấy chứng nhận kết hôn'].entries()) {
      clock.advance(60_000);
      const res = await upload([
        { name: 'applicantIdNumber', value: applicant },
        { name: 'documentName', value: name },
        file(pdf(1000 + i)),
      ]);
      ids.push(res.json().documentId);
    }
    const refs = await store.describeDocuments(applicant, [ids[0]!]);
    expect(refs).toEqual([
      {
        documentId: ids[0],
        name: 'Sổ hộ khẩu',
        sha256: expect.any(String),
        size: 1000,
        contentType: 'application/pdf',
      },
    ]);
    await expect(store.describeDocuments(APPLICANT, [ids[0]!])).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
      details: { documentIds: [ids[0]] },
    });
    await store.recordUse(applicant, [ids[0]!], 'dossier-1');

    const search = (idNumber: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/applicant-documents/search', payload: { idNumber }, headers });
    const res = await search(applicant, officer);
    expect(res.statusCode).toBe(200);
    expect(res.json().documents).toEqual([
      expect.objectContaining({ documentId: ids[1], name: 'Giấy chứng nhận kết hôn', dossierIds: [] }),
      expect.objectContaining({
        documentId: ids[0],
        size: 1000,
        sha256: refs[0]!.sha256,
        contentType: 'application/pdf',
        uploadedAt: expect.any(String),
        uploadedBy: { userId: 'officer-7', role: 'counter_officer', centerId: 'hue' },
        dossierIds: ['dossier-1'],
      }),
    ]);
    const none = await search('111111111', officer);
    expect(none.json()).toEqual({ documents: [] });
    // Another center's counter learns nothing of them; the board (any center) sees them all.
    expect((await search(applicant, otherCenter)).json()).toEqual({ documents: [] });
    expect((await search(applicant, board)).json().documents).toHaveLength(2);
    const download = await app.inject({ method: 'GET', url: `/documents/${ids[0]}`, headers: otherCenter });
    expect(download.statusCode).toBe(403);
    // The ID number is never a path segment (it would reach access logs).
    const old = await app.inject({
      method: 'GET',
      url: `/applicants/${applicant}/documents`,
      headers: officer,
    });
    expect(old.statusCode).toBe(404);
    expect((await search('not-an-id', officer)).statusCode).toBe(400);
  });

  it('refuses malformed uploads with INVALID_INPUT and stores nothing', async () => {
    const before = await stored();
    const cases: Array<[string, ReturnType<typeof upload>]> = [
      ['no applicant', upload([file(pdf(500))])],
      ['applicant after the file', upload([file(pdf(500)), { name: 'applicantIdNumber', value: APPLICANT }])],
      ['no file', upload([{ name: 'applicantIdNumber', value: APPLICANT }])],
      [
        'two files',
        upload([{ name: 'applicantIdNumber', value: APPLICANT }, file(pdf(500)), file(pdf(600))]),
      ],
      ['empty file', upload([{ name: 'applicantIdNumber', value: APPLICANT }, file(Buffer.alloc(0))])],
      [
        'not multipart',
        app.inject({
          method: 'POST',
          url: '/documents',
          headers: officer,
          payload: { applicantIdNumber: APPLICANT },
        }),
      ],
    ];
    for (const [label, pending] of cases) {
      const res = await pending;
      expect([label, res.statusCode, res.json().error.code]).toEqual([label, 400, 'INVALID_INPUT']);
    }
    expect(await stored()).toEqual(before);
  });

  it("refuses another center's officer the download (the document's center is its resource)", async () => {
    const documentId = (await store.listForApplicant(APPLICANT))[0]!.documentId;
    expect(await store.resourceOf(documentId)).toEqual({ centerId: 'hue' });
    const { accessToken } = await tokens.issue({
      userId: 'o-2',
      role: 'counter_officer',
      centerId: 'danang',
    });
    const res = await app.inject({
      method: 'GET',
      url: `/documents/${documentId}`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.statusCode).toBe(403);
  });

  it("opens a document in the browser for the center's department officers, never for another center's", async () => {
    const documentId = (await store.listForApplicant(APPLICANT))[0]!.documentId;
    const as = async (centerId: string) => {
      const { accessToken } = await tokens.issue({
        userId: `officer.${centerId}`,
        role: 'department_officer',
        centerId,
        departmentId: `${centerId}.finance-planning`,
      });
      return app.inject({
        method: 'GET',
        url: `/documents/${documentId}?disposition=inline`,
        headers: { authorization: `Bearer ${accessToken}` },
      });
    };
    const own = await as('hue');
    expect(own.statusCode).toBe(200);
    // a PDF or an image shown by the browser, and nothing in it may run as a page of the console
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toMatch(/^inline; filename=/);
    expect(own.headers['content-security-policy']).toBe('sandbox');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect((await as('danang')).statusCode).toBe(403);
  });

  it('needs an identified officer to upload, download or list', async () => {
    const noActor = await upload([{ name: 'applicantIdNumber', value: APPLICANT }, file(pdf(500))], {});
    expect(noActor.statusCode).toBe(401);
    const documentId = (await store.listForApplicant(APPLICANT))[0]!.documentId;
    expect((await app.inject({ method: 'GET', url: `/documents/${documentId}` })).statusCode).toBe(401);
    const list = {
      method: 'POST',
      url: '/applicant-documents/search',
      payload: { idNumber: APPLICANT },
    } as const;
    expect((await app.inject(list)).statusCode).toBe(401);
  });

  it('answers 404 for an unknown document and 400 for a malformed id', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: '/documents/0123456789abcdef01234567',
      headers: officer,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('DOCUMENT_NOT_FOUND');
    const bad = await app.inject({ method: 'GET', url: '/documents/not-an-id', headers: officer });
    expect(bad.statusCode).toBe(400);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/documents', '/documents/{documentId}', '/applicant-documents/search']),
    );
  });
});
