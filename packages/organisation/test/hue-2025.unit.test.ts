import { describe, expect, it } from 'vitest';
import {
  CITY_CENTER_ID,
  COMMUNES_2025,
  createDirectory,
  HUE_2018,
  HUE_HISTORY,
  reorganise,
  TWO_TIER_2025,
  validateOrganisation,
  WITHOUT_SUCCESSOR,
} from '../src/index.js';
import { narrowed } from '../src/testing.js';

const org = createDirectory(HUE_HISTORY);
const before = '2025-06-30';
const after = '2025-07-01';
const ids = (units: { id: string }[]) => units.map((u) => u.id).sort();
const DISTRICT_CENTERS = HUE_2018.centers.map((c) => c.centerId);

describe('Huế’s organisation after 1 July 2025, beside 2018', () => {
  it('is consistent, predecessors included', () => {
    expect(validateOrganisation(HUE_HISTORY)).toEqual([]);
  });

  it('keeps every 2018 record as it was, only end-dated on 2025-06-30', () => {
    for (const old of HUE_2018.centers) {
      const now = HUE_HISTORY.centers.find((c) => c.centerId === old.centerId)!;
      expect({ ...now, validTo: undefined, unitCodes: undefined }).toEqual({
        ...old,
        validTo: undefined,
        unitCodes: undefined,
      });
      expect(now.validTo).toBe(before);
      expect(now.unitCodes.map((u) => u.value)).toEqual(old.unitCodes.map((u) => u.value));
    }
  });

  it('answers a day before the switch exactly as the 2018 data does', () => {
    const y2018 = createDirectory(HUE_2018);
    expect(ids(org.unitsInForce(before))).toEqual(ids(y2018.unitsInForce(before)));
  });

  it('has, from 1 July 2025, the city center and the commune centers only', () => {
    const centers = org.centers(after).map((c) => c.centerId);
    expect(centers).toContain(CITY_CENTER_ID);
    expect(centers).toHaveLength(1 + COMMUNES_2025.length);
    for (const old of DISTRICT_CENTERS) expect(centers).not.toContain(old);
    expect(org.findCenter(CITY_CENTER_ID, after)?.name).toBe(
      'Trung tâm Phục vụ hành chính công thành phố Huế',
    );
    expect(org.findCenter(CITY_CENTER_ID, before)).toBeUndefined();
    expect(org.centers(after, 'district')).toEqual([]);
  });

  it('has NQ 1675’s 40 commune-level units: 21 wards and 19 communes, each with its center', () => {
    const communes = org.childrenOf('hue', after);
    expect(communes.filter((c) => c.kind === 'phường')).toHaveLength(21);
    expect(communes.filter((c) => c.kind === 'xã')).toHaveLength(19);
    expect(org.centers(after, 'commune')).toHaveLength(40);
    expect(org.findCenter('chan-may-lang-co-pasc', after)?.name).toBe(
      'Trung tâm Phục vụ hành chính công xã Chân Mây - Lăng Cô',
    );
  });

  it('puts every commune directly under the city: two tiers', () => {
    const communes = org.childrenOf('hue', after);
    expect(communes).toHaveLength(COMMUNES_2025.length);
    expect(communes.every((c) => c.level === 'commune')).toBe(true);
  });

  it('gives each of the nine 2018 district centers at least one successor center', () => {
    for (const old of DISTRICT_CENTERS) {
      const successors = org.successorsOf(old, after);
      expect(successors.length, old).toBeGreaterThan(0);
      expect(successors.every((s) => s.type === 'center')).toBe(true);
    }
    expect(ids(org.successorsOf('hue-city', after))).toEqual([
      'an-cuu-pasc',
      'kim-long-pasc',
      'phu-xuan-pasc',
      'thuan-hoa-pasc',
      'thuy-xuan-pasc',
      'vy-da-pasc',
    ]);
    expect(ids(org.successorsOf('nam-dong', after))).toEqual([
      'khe-tre-pasc',
      'long-quang-pasc',
      'nam-dong-pasc',
    ]);
  });

  it('names the commune that took over a 2018 commune, and no successor where none was found', () => {
    expect(ids(org.successorsOf('thua-thien-hue.quang-dien.sia', after))).toEqual(['hue.quang-dien']);
    expect(ids(org.successorsOf('thua-thien-hue.huong-tra.binh-dien', '2026-01-15'))).toEqual([
      'hue.binh-dien',
    ]);
    expect(ids(org.successorsOf('thua-thien-hue.phu-loc.lang-co', after))).toEqual(['hue.chan-may-lang-co']);
    for (const id of WITHOUT_SUCCESSOR) expect(org.successorsOf(`thua-thien-hue.${id}`, after)).toEqual([]);
  });

  it('lets a unit none of whose 2018 communes is in the data succeed its 2018 district, and says so', () => {
    const aLuoi1 = org.findJurisdiction('hue.a-luoi-1', after)!;
    expect(aLuoi1.predecessorIds).toEqual(['thua-thien-hue.a-luoi']);
    expect(aLuoi1.unverified?.some((u) => u.includes('only its 2018 district'))).toBe(true);
    expect(org.findCenter('a-luoi-1-pasc', after)?.predecessorIds).toEqual(['a-luoi']);
    expect(ids(org.successorsOf('thua-thien-hue.a-luoi', after))).toEqual([
      'hue.a-luoi-1',
      'hue.a-luoi-3',
      'hue.a-luoi-4',
      'hue.a-luoi-5',
    ]);
  });

  it('is its own successor while still in force', () => {
    expect(ids(org.successorsOf('hue-city', before))).toEqual(['hue-city']);
  });

  it('maps an old department to the same kind of unit behind each successor center', () => {
    expect(ids(org.successorsOf('quang-dien.justice', after))).toEqual([
      'dan-dien-pasc.justice',
      'hoa-chau-pasc.justice',
      'phong-quang-pasc.justice',
      'quang-dien-pasc.justice',
    ]);
  });

  it('names a source for every new unit and flags what stays unverified', () => {
    const added = [
      ...HUE_HISTORY.jurisdictions.filter((j) => j.validFrom === after),
      ...HUE_HISTORY.centers.filter((c) => c.validFrom === after),
    ];
    expect(added.length).toBe(2 * (1 + COMMUNES_2025.length));
    for (const unit of added) {
      expect(unit.sources?.length, JSON.stringify(unit)).toBeGreaterThan(0);
      expect(unit.unverified?.some((u) => u.startsWith('unit code digits'))).toBe(true);
    }
  });

  it('gives the new centers unit codes no 2018 center used, so dossier codes never collide', () => {
    const old = new Set(HUE_2018.centers.flatMap((c) => c.unitCodes.map((u) => u.value)));
    const fresh = org.centers(after).map((c) => org.unitCodeOf(c.centerId, after)!);
    expect(fresh.filter((code) => old.has(code))).toEqual([]);
    expect(new Set(fresh).size).toBe(fresh.length);
  });

  it('narrows, for a test, to chosen new centers: a district then has a single successor', () => {
    const cut = createDirectory(
      reorganise(HUE_2018, narrowed(TWO_TIER_2025, ['hue-pasc', 'quang-dien-pasc'])),
    );
    expect(ids(cut.successorsOf('quang-dien', after))).toEqual(['quang-dien-pasc']);
    expect(cut.centers(after).map((c) => c.centerId)).toEqual(['hue-pasc', 'quang-dien-pasc']);
    expect(cut.childrenOf('hue', after).map((j) => j.jurisdictionId)).toEqual(['hue.quang-dien']);
  });
});
