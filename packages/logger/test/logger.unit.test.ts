import { describe, expect, it } from 'vitest';
import { createLogger, getLogContext, withLogContext } from '../src/index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (s: string) => void lines.push(JSON.parse(s)) };
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and a level label', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'intake', destination }).info({ n: 1 }, 'hello');
    expect(lines[0]).toMatchObject({ service: 'intake', level: 'info', msg: 'hello', n: 1 });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('respects the configured level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'intake', level: 'warn', destination });
    log.info('dropped');
    log.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});

describe('personal data redaction', () => {
  it('masks personal data at any depth, in camelCase and snake_case', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'intake', destination });
    log.info(
      {
        dossier: {
          code: 'HN-250101-0001',
          applicant: {
            fullName: 'Nguyễn Văn A',
            idNumber: '001099012345',
            phone: '0912345678',
            email: 'a@x.vn',
          },
          history: [
            {
              event: {
                payload: { applicant: { address: '1 Tràng Tiền', id_number: '1', phone_number: '2' } },
              },
            },
          ],
        },
        email_address: 'b@x.vn',
      },
      'received',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['001099012345', '0912345678', 'a@x.vn', 'b@x.vn', 'Tràng Tiền'])
      expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      email_address: '[REDACTED]',
      dossier: {
        code: 'HN-250101-0001',
        applicant: {
          fullName: 'Nguyễn Văn A',
          idNumber: '[REDACTED]',
          phone: '[REDACTED]',
          email: '[REDACTED]',
        },
        history: [
          {
            event: {
              payload: {
                applicant: { address: '[REDACTED]', id_number: '[REDACTED]', phone_number: '[REDACTED]' },
              },
            },
          },
        ],
      },
    });
  });

  it('masks the secrets an applicant sends: look-up key, upload key and submission secret', () => {
    const { lines, destination } = capture();
    const body = {
      dossierCode: 'X',
      lookupKey: 'ABCD2345',
      uploadKey: 'u'.repeat(43),
      submissionSecret: 's',
    };
    createLogger({ service: 'intake', destination }).info({ body }, 'request');
    expect(lines[0]).toMatchObject({
      body: {
        dossierCode: 'X',
        lookupKey: '[REDACTED]',
        uploadKey: '[REDACTED]',
        submissionSecret: '[REDACTED]',
      },
    });
  });

  it('masks personal data in child bindings and does not alter the caller object', () => {
    const { lines, destination } = capture();
    const input = { applicant: { email: 'c@x.vn' } };
    createLogger({ service: 'intake', destination }).child(input).info('x');
    expect(lines[0]).toMatchObject({ applicant: { email: '[REDACTED]' } });
    expect(input.applicant.email).toBe('c@x.vn');
  });

  it('masks personal data inside logged errors but keeps the error type and message', () => {
    const { lines, destination } = capture();
    class DomainError extends Error {
      details = { applicant: { phone: '0987654321' } };
    }
    createLogger({ service: 'intake', destination }).error({ err: new DomainError('bad dossier') }, 'failed');
    expect(lines[0]?.err).toMatchObject({
      type: 'DomainError',
      message: 'bad dossier',
      details: { applicant: { phone: '[REDACTED]' } },
    });
    expect(JSON.stringify(lines[0])).not.toContain('0987654321');
  });

  it('survives circular structures', () => {
    const { lines, destination } = capture();
    const a: Record<string, unknown> = { email: 'd@x.vn' };
    a.self = a;
    createLogger({ service: 'intake', destination }).info({ a }, 'loop');
    expect(lines[0]).toMatchObject({ a: { email: '[REDACTED]', self: '[Circular]' } });
  });
});

describe('log context', () => {
  it('adds the current correlation, causation and dossier ids to every line', async () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'routing', destination });
    await withLogContext({ correlationId: 'corr-1', causationId: 'evt-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      await withLogContext({ dossierId: 'd-1' }, async () => log.info('inner'));
      log.child({ x: 1 }).info('outer');
    });
    log.info('outside');
    expect(lines[0]).toMatchObject({
      correlationId: 'corr-1',
      causationId: 'evt-1',
      dossierId: 'd-1',
      msg: 'inner',
    });
    expect(lines[1]).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-1', msg: 'outer' });
    expect(lines[1]).not.toHaveProperty('dossierId');
    expect(lines[2]).not.toHaveProperty('correlationId');
    expect(getLogContext()).toBeUndefined();
  });
});
