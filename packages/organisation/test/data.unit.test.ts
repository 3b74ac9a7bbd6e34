import { describe, expect, it } from 'vitest';
import { HUE_2018, ORGANISATION, validateOrganisation } from '../src/index.js';

const CENTER_IDS = [
  'hue-city',
  'huong-thuy',
  'huong-tra',
  'phong-dien',
  'quang-dien',
  'phu-vang',
  'phu-loc',
  'a-luoi',
  'nam-dong',
];

describe('the demo organisation of Thừa Thiên Huế in 2018', () => {
  it('is consistent', () => {
    expect(validateOrganisation(HUE_2018)).toEqual([]);
  });

  it('has the nine district-level centers of the brief', () => {
    expect(ORGANISATION.centers('2018-06-01', 'district').map((c) => c.centerId)).toEqual(CENTER_IDS);
  });

  it('keeps the ids the walking skeleton and its tests use', () => {
    expect(ORGANISATION.findDepartment('hue-city.finance-planning', '2018-06-01')?.name).toBe(
      'Phòng Tài chính – Kế hoạch',
    );
    expect(ORGANISATION.findDepartment('hue-city.leadership', '2018-06-01')?.name).toBe(
      'Lãnh đạo UBND thành phố Huế',
    );
    expect(ORGANISATION.unitCodeOf('hue-city', '2018-06-01')).toBe('000.00.31.H57');
  });

  it('gives a city a Phòng Quản lý đô thị and a rural district a Phòng Kinh tế và Hạ tầng', () => {
    const kinds = (center: string) => ORGANISATION.departmentsOf(center, '2018-06-01').map((d) => d.kind);
    expect(kinds('huong-thuy')).toContain('urban-management');
    expect(kinds('nam-dong')).toContain('economy-infrastructure');
    expect(kinds('nam-dong')).not.toContain('urban-management');
  });

  it('says which lists are only samples and which facts are unverified', () => {
    expect(HUE_2018.partial?.some((p) => p.startsWith('communes'))).toBe(true);
    const center = ORGANISATION.findCenter('hue-city', '2018-06-01');
    expect(center?.unverified?.length).toBeGreaterThan(0);
  });
});
