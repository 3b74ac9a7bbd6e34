import { describe, expect, it } from 'vitest';
import { ORGANISATION as org } from '../src/index.js';

const day = '2019-03-04';

describe('looking units up as of a date', () => {
  it('finds a center, a department and an agency by id', () => {
    expect(org.findCenter('phu-vang', day)?.name).toBe('Trung tâm Hành chính công huyện Phú Vang');
    expect(org.findDepartment('phu-vang.justice', day)?.kind).toBe('justice');
    expect(org.findAgency('phu-vang.land-registration-branch', day)?.name).toBe(
      'Chi nhánh Văn phòng Đăng ký đất đai huyện Phú Vang',
    );
  });

  it('finds nothing before the data starts', () => {
    expect(org.findCenter('hue-city', '2017-12-31')).toBeUndefined();
    expect(org.unitExists('hue-city', '2017-12-31')).toBe(false);
    expect(org.unitExists('hue-city')).toBe(true);
  });

  it('treats an instant as the Vietnamese day it falls on', () => {
    // 2017-12-31T17:30Z is 00:30 on 1 January 2018 in Vietnam.
    expect(org.findCenter('hue-city', new Date('2017-12-31T17:30:00Z'))).toBeDefined();
    expect(org.findCenter('hue-city', new Date('2017-12-31T16:30:00Z'))).toBeUndefined();
  });

  it('lists the departments behind a center, leadership included', () => {
    expect(org.departmentsOf('hue-city', day).map((d) => d.departmentId)).toEqual([
      'hue-city.justice',
      'hue-city.finance-planning',
      'hue-city.natural-resources',
      'hue-city.labour-social',
      'hue-city.urban-management',
      'hue-city.leadership',
    ]);
  });

  it('validates that a unit id exists', () => {
    expect(org.unitExists('a-luoi.commune.hong-kim', day)).toBe(true);
    expect(org.unitExists('thua-thien-hue.a-luoi.hong-kim', day)).toBe(true);
    expect(org.unitExists('hue-city.nowhere', day)).toBe(false);
  });

  it('walks the jurisdiction tree from province to commune', () => {
    const districts = org.childrenOf('thua-thien-hue', day);
    expect(districts).toHaveLength(9);
    expect(org.childrenOf('thua-thien-hue.nam-dong', day).map((c) => c.name)).toContain('Thị trấn Khe Tre');
  });

  it('resolves a kind to the unit behind a center, construction under either name', () => {
    expect(org.resolve('hue-city', 'justice', day)?.unitId).toBe('hue-city.justice');
    expect(org.resolve('hue-city', 'economy-infrastructure', day)?.unitId).toBe('hue-city.urban-management');
    expect(org.resolve('nam-dong', 'urban-management', day)?.unitId).toBe('nam-dong.economy-infrastructure');
    expect(org.resolve('nam-dong', 'tax-sub-department', day)).toMatchObject({
      unitId: 'nam-dong.tax-sub-department',
      type: 'agency',
    });
  });

  it('does not guess which commune a center means', () => {
    expect(org.resolve('hue-city', 'commune-people-committee', day)).toBeUndefined();
  });
});
