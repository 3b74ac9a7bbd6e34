import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CATALOGUE, isDomainError, toDomainError } from '../src/index.js';

describe('DomainError', () => {
  it('takes kind, HTTP status and both messages from the catalogue', () => {
    const err = new DomainError('DOSSIER_NOT_FOUND', { details: { dossierCode: 'X-1' } });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('DOSSIER_NOT_FOUND');
    expect(err.kind).toBe('not_found');
    expect(err.httpStatus).toBe(404);
    expect(err.messages).toEqual({ vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' });
    expect(err.message).toBe('Dossier not found');
    expect(err.toJSON()).toEqual({
      code: 'DOSSIER_NOT_FOUND',
      message: { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
      details: { dossierCode: 'X-1' },
    });
  });

  it('maps the common codes to the expected HTTP statuses', () => {
    const statuses = Object.fromEntries(
      (['INVALID_INPUT', 'VERSION_CONFLICT', 'FORBIDDEN_TRANSITION', 'UNAVAILABLE', 'INTERNAL'] as const).map(
        (c) => [c, new DomainError(c).httpStatus],
      ),
    );
    expect(statuses).toEqual({
      INVALID_INPUT: 400,
      VERSION_CONFLICT: 409,
      FORBIDDEN_TRANSITION: 409,
      UNAVAILABLE: 503,
      INTERNAL: 500,
    });
  });

  it('writes every Vietnamese message with diacritics and every English one non-empty', () => {
    for (const spec of Object.values(ERROR_CATALOGUE)) {
      expect(spec.vi).toMatch(/\P{ASCII}/u);
      expect(spec.en.length).toBeGreaterThan(0);
    }
  });

  it('accepts a service-specific code when given its kind and messages', () => {
    const err = new DomainError('RESULT_ALREADY_RETURNED', {
      kind: 'failed_precondition',
      messages: { vi: 'Kết quả đã được trả', en: 'Result already returned' },
    });
    expect(err.httpStatus).toBe(409);
    expect(err.kind).toBe('failed_precondition');
  });

  it('lets a caller override one message and keeps the other from the catalogue', () => {
    const err = new DomainError('DOSSIER_NOT_FOUND', { messages: { vi: 'Không tìm thấy hồ sơ X-1' } });
    expect(err.messages).toEqual({ vi: 'Không tìm thấy hồ sơ X-1', en: 'Dossier not found' });
  });

  it('wraps unknown errors as INTERNAL without exposing their message', () => {
    const cause = new Error('connection string with password');
    const err = toDomainError(cause);
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toBe('Internal error');
    expect(err.cause).toBe(cause);
    expect(isDomainError(err)).toBe(true);
    expect(toDomainError(err)).toBe(err);
  });
});
