import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ApplicantDocument,
  contentDisposition,
  DocumentInspector,
  describeDocuments,
  documentName,
  downloadFileName,
  markUsedIn,
  sniffContentType,
} from '../src/domain/documents.js';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const TIFF_LE = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
const TIFF_BE = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00');

const inspect = (chunks: Buffer[], max = 1000) => {
  const inspector = new DocumentInspector(max);
  for (const c of chunks) inspector.push(c);
  return inspector.end();
};

describe('magic-byte sniffing', () => {
  it.each([
    [PDF, 'application/pdf'],
    [JPEG, 'image/jpeg'],
    [PNG, 'image/png'],
    [TIFF_LE, 'image/tiff'],
    [TIFF_BE, 'image/tiff'],
  ])('recognises %#', (bytes, type) => {
    expect(sniffContentType(bytes)).toBe(type);
  });

  it.each([
    ['an executable', EXE],
    ['HTML', Buffer.from('<html><script>')],
    ['a ZIP / DOCX', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
    ['a PDF signature not at the start', Buffer.concat([Buffer.from(' '), PDF])],
    ['a truncated PNG signature', PNG.subarray(0, 5)],
  ])('refuses %s', (_, bytes) => {
    expect(sniffContentType(bytes)).toBeUndefined();
  });
});

describe('the streaming inspector', () => {
  it('hashes and measures the content across chunks, sniffing a head split over chunks', () => {
    const whole = Buffer.concat([PNG, Buffer.alloc(300, 7)]);
    const chunks = [whole.subarray(0, 3), whole.subarray(3, 5), whole.subarray(5)];
    expect(inspect(chunks)).toEqual({
      sha256: createHash('sha256').update(whole).digest('hex'),
      size: whole.length,
      contentType: 'image/png',
    });
  });

  it('refuses a disguised file at its first chunk, whatever the client called it', () => {
    const inspector = new DocumentInspector(1000);
    expect(() => inspector.push(EXE)).toThrow(expect.objectContaining({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' }));
  });

  it('accepts exactly the limit and refuses one byte more, with 413', () => {
    const body = Buffer.concat([PDF, Buffer.alloc(100 - PDF.length)]);
    expect(inspect([body], 100).size).toBe(100);
    const inspector = new DocumentInspector(100);
    inspector.push(body);
    let error: unknown;
    try {
      inspector.push(Buffer.from([0]));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', httpStatus: 413, details: { maxBytes: 100 } });
    expect((error as { messages: { vi: string } }).messages.vi).toContain('dung lượng');
  });

  it('refuses an empty file and a too-short unknown one', () => {
    expect(() => inspect([])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => inspect([Buffer.from('MZ')])).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_TYPE_NOT_ALLOWED', httpStatus: 415 }),
    );
  });

  it('accepts a tiny file whose signature is complete (a 3-byte JPEG head)', () => {
    expect(inspect([JPEG.subarray(0, 3)]).contentType).toBe('image/jpeg');
  });
});

describe('names and file names', () => {
  it('takes the officer text, else the file name without its path, on one bounded line', () => {
    expect(documentName('  Giấy khai sinh\n(bản sao) ', 'scan001.pdf')).toBe('Giấy khai sinh (bản sao)');
    expect(documentName(undefined, 'C:\\fakepath\\CCCD mặt trước.jpg')).toBe('CCCD mặt trước.jpg');
    expect(documentName('', '../../etc/passwd')).toBe('passwd');
    expect(documentName(undefined, undefined)).toBe('Tài liệu');
    expect(documentName('x'.repeat(500), undefined)).toHaveLength(200);
    // NFD input (macOS) is stored composed, so equal names compare equal
    expect(documentName('Đơn đề nghị'.normalize('NFD'), undefined)).toBe('Đơn đề nghị');
  });

  it('gives the download the extension of the real type', () => {
    expect(downloadFileName('Giấy khai sinh', 'application/pdf')).toBe('Giấy khai sinh.pdf');
    expect(downloadFileName('hoa-don.pdf', 'image/jpeg')).toBe('hoa-don.jpg');
    expect(downloadFileName('scan.TIFF', 'image/tiff')).toBe('scan.tif');
  });

  it('encodes a Vietnamese name per RFC 5987 with an ASCII fallback', () => {
    const header = contentDisposition('Đơn đề nghị (bản chính).pdf', 'attachment');
    expect(header).toBe(
      'attachment; filename="Don de nghi _ban chinh_.pdf"; ' +
        "filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf",
    );
    const star = header.split("UTF-8''")[1]!;
    expect(decodeURIComponent(star)).toBe('Đơn đề nghị (bản chính).pdf');
    // RFC 5987 attr-chars only: no quote, space, semicolon or parenthesis can break the header
    expect(star).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  });

  it('cannot be broken by quotes or header injection in the name', () => {
    const header = contentDisposition('a"; filename="evil.exe\r\nx: y', 'inline');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('inline; filename="a__ filename__evil.exe__x_ y"; ')).toBe(true);
  });
});

const entry = (documentId: string, over: Partial<ApplicantDocument> = {}): ApplicantDocument => ({
  documentId,
  name: `doc ${documentId}`,
  sha256: documentId.repeat(8),
  size: 10,
  contentType: 'application/pdf',
  uploadedAt: '2026-03-02T01:00:00.000Z',
  uploadedBy: { userId: 'officer-1', role: 'counter_officer' },
  dossierIds: [],
  ...over,
});

describe("an applicant's documents", () => {
  const entries = [entry('a1'), entry('b2')];

  it('describes the documents asked for, for the event payload', () => {
    expect(describeDocuments(entries, ['b2', 'a1', 'b2'])).toEqual([
      { documentId: 'b2', name: 'doc b2', sha256: 'b2'.repeat(8), size: 10, contentType: 'application/pdf' },
      { documentId: 'a1', name: 'doc a1', sha256: 'a1'.repeat(8), size: 10, contentType: 'application/pdf' },
    ]);
  });

  it("refuses ids that are not the applicant's, naming them", () => {
    expect(() => describeDocuments(entries, ['a1', 'zz'])).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_NOT_FOUND', details: { documentIds: ['zz'] } }),
    );
  });

  it('records the dossier once per document and changes nothing on a repeat', () => {
    const once = markUsedIn(entries, ['a1'], 'd-1');
    expect(once[0]?.dossierIds).toEqual(['d-1']);
    expect(once[1]).toBe(entries[1]);
    expect(markUsedIn(once, ['a1'], 'd-1')).toBe(once);
  });
});
