import { createDirectory, HUE_HISTORY } from '@motcua/organisation';
import { describe, expect, it } from 'vitest';
import { type BoundaryFreePeriod, receptionUnits } from '../src/domain/reception-units.js';

// Given Huế's organisation (2018 and the two-tier city from 2025-07-01) …
const org = createDirectory(HUE_HISTORY);
const at = (local: string) => new Date(`${local}+07:00`);
const listed: BoundaryFreePeriod[] = [{ provinceId: 'hue', validFrom: '2025-07-01' }];
const request = (over: Partial<Parameters<typeof receptionUnits>[1]> = {}) => ({
  procedureCode: '2.000575',
  receivingCenterId: 'an-cuu-pasc',
  boundaryFree: listed,
  receivedAt: at('2026-03-02T09:00:00'),
  ...over,
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as { code: string; details: Record<string, unknown>; messages: { vi: string; en: string } };
  }
  throw new Error('not refused');
};

describe('reception regardless of administrative boundary (Decree 118/2025 Art 14(2))', () => {
  it('given no other center named, when received, then the receiving center decides and returns', () => {
    expect(receptionUnits(org, request({ boundaryFree: [] }))).toEqual({
      receivingCenterId: 'an-cuu-pasc',
      competentCenterId: 'an-cuu-pasc',
      returnCenterId: 'an-cuu-pasc',
    });
  });

  it('given a listed procedure, when a ward center receives it for the city, then the city decides and the ward returns', () => {
    expect(receptionUnits(org, request({ competentCenterId: 'hue-pasc' }))).toEqual({
      receivingCenterId: 'an-cuu-pasc',
      competentCenterId: 'hue-pasc',
      returnCenterId: 'an-cuu-pasc',
    });
  });

  it('given a listed procedure, when the applicant chooses another center to collect, then the result goes there', () => {
    expect(
      receptionUnits(org, request({ competentCenterId: 'thuan-hoa-pasc', returnCenterId: 'phu-bai-pasc' })),
    ).toMatchObject({ competentCenterId: 'thuan-hoa-pasc', returnCenterId: 'phu-bai-pasc' });
  });

  it('given a procedure not on the list, when received for another center, then it is refused with a stable rule in both languages', () => {
    const err = refusal(() =>
      receptionUnits(org, request({ boundaryFree: [], competentCenterId: 'hue-pasc' })),
    );
    expect(err.code).toBe('FORBIDDEN_TRANSITION');
    expect(err.details).toMatchObject({ rule: 'intake.boundary-free-only', provinceId: 'hue' });
    expect(err.messages.vi).toContain('không phụ thuộc địa giới hành chính');
    expect(err.messages.en).toContain('boundary-free list');
  });

  it('given a listing that starts on 1 July 2025, when received the day before, then it is refused', () => {
    const err = refusal(() =>
      receptionUnits(
        org,
        request({
          receivingCenterId: 'hue-city',
          competentCenterId: 'huong-thuy',
          receivedAt: at('2025-06-30T16:00:00'),
        }),
      ),
    );
    expect(err.details.rule).toBe('intake.boundary-free-only');
  });

  it('given a listing that ended, when received after it, then it is refused', () => {
    const ended = [{ provinceId: 'hue', validFrom: '2025-07-01', validTo: '2025-12-31' }];
    const err = refusal(() =>
      receptionUnits(org, request({ boundaryFree: ended, competentCenterId: 'hue-pasc' })),
    );
    expect(err.details.rule).toBe('intake.boundary-free-only');
  });

  it('given another province’s list, when received, then it is refused', () => {
    const elsewhere = [{ provinceId: 'da-nang', validFrom: '2025-07-01' }];
    const err = refusal(() =>
      receptionUnits(org, request({ boundaryFree: elsewhere, competentCenterId: 'hue-pasc' })),
    );
    expect(err.details.rule).toBe('intake.boundary-free-only');
  });

  it('given a center not in force that day, when named, then the input is refused', () => {
    const err = refusal(() => receptionUnits(org, request({ competentCenterId: 'hue-city' })));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details).toMatchObject({ rule: 'intake.center-in-force', field: 'competentCenterId' });
    expect(err.messages.en).toContain('2026-03-02');
  });
});
