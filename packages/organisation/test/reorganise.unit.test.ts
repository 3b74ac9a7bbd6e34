import { describe, expect, it } from 'vitest';
import { createDirectory, HUE_2018, reorganise } from '../src/index.js';

/**
 * A two-tier reorganisation in the shape of 2025 (districts abolished, communes under the province,
 * centers at province and commune level). The names and codes are a fixture, not checked facts.
 */
const TWO_TIER = reorganise(HUE_2018, {
  effectiveFrom: '2025-07-01',
  close: ['thua-thien-hue.hue-city'],
  add: {
    jurisdictions: [
      {
        jurisdictionId: 'thua-thien-hue.thuan-hoa',
        level: 'commune',
        kind: 'phường',
        name: 'Phường Thuận Hóa',
        parentId: 'thua-thien-hue',
        predecessorIds: ['thua-thien-hue.hue-city.phu-hoi', 'thua-thien-hue.hue-city.vinh-ninh'],
      },
    ],
    centers: [
      {
        centerId: 'thuan-hoa',
        name: 'Trung tâm Phục vụ hành chính công phường Thuận Hóa',
        jurisdictionId: 'thua-thien-hue.thuan-hoa',
        unitCodes: [{ value: '000.01.00.H57', validFrom: '2025-07-01' }],
      },
    ],
    departments: [
      {
        departmentId: 'thuan-hoa.leadership',
        centerId: 'thuan-hoa',
        kind: 'leadership',
        name: 'Lãnh đạo UBND',
      },
    ],
  },
});
const org = createDirectory(TWO_TIER);

describe('a reorganisation', () => {
  it('does not change the unit an old dossier was received by', () => {
    const receivedAt = new Date('2018-05-10T02:00:00Z');
    expect(org.findCenter('hue-city', receivedAt)?.name).toBe('Trung tâm Hành chính công thành phố Huế');
    expect(org.unitCodeOf('hue-city', receivedAt)).toBe('000.00.31.H57');
    expect(org.findDepartment('hue-city.finance-planning', receivedAt)).toBeDefined();
  });

  it('closes the replaced units and everything under them from the effective date', () => {
    expect(org.findCenter('hue-city', '2025-06-30')).toBeDefined();
    expect(org.findCenter('hue-city', '2025-07-01')).toBeUndefined();
    expect(org.findDepartment('hue-city.justice', '2025-07-01')).toBeUndefined();
    expect(org.findJurisdiction('thua-thien-hue.hue-city.phu-hoi', '2025-07-01')).toBeUndefined();
    expect(org.findCenter('nam-dong', '2025-07-01')).toBeDefined();
  });

  it('adds a commune directly under the province, two-tier', () => {
    const commune = org.findJurisdiction('thua-thien-hue.thuan-hoa', '2025-07-01');
    expect(commune?.parentId).toBe('thua-thien-hue');
    expect(org.unitCodeOf('thuan-hoa', '2025-07-01')).toBe('000.01.00.H57');
    expect(org.findCenter('thuan-hoa', '2025-06-30')).toBeUndefined();
  });

  it('keeps a re-coded center’s old code for its old dossiers', () => {
    const recoded = createDirectory(
      reorganise(HUE_2018, {
        effectiveFrom: '2021-07-01',
        recode: [{ centerId: 'huong-tra', unitCode: '000.00.40.H57' }],
      }),
    );
    expect(recoded.unitCodeOf('huong-tra', '2021-06-30')).toBe('000.00.33.H57');
    expect(recoded.unitCodeOf('huong-tra', '2021-07-01')).toBe('000.00.40.H57');
  });

  it('refuses to reuse an id or to close what does not exist', () => {
    expect(() =>
      reorganise(HUE_2018, {
        effectiveFrom: '2025-07-01',
        add: { centers: [{ ...TWO_TIER.centers[0]!, centerId: 'nam-dong' }] },
      }),
    ).toThrow(/nam-dong: the id is used twice/);
    expect(() => reorganise(HUE_2018, { effectiveFrom: '2025-07-01', close: ['atlantis'] })).toThrow(
      /atlantis/,
    );
  });
});
