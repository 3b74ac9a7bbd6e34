import type { Reorganisation } from '../reorganise.js';
import type { Agency, Center, Department, DepartmentKind, Jurisdiction } from '../types.js';
import { PROVINCE_ID } from './thua-thien-hue.js';

/**
 * Huế's two-tier organisation from 1 July 2025, as one `reorganise()` step on top of 2018: the
 * province of 2018 and everything under it end on 2025-06-30 (never rewritten); the centrally-governed
 * city, its city-level Public Administrative Service Center (PASC) with the city departments, and the
 * 40 commune/ward PASCs that succeed the 2018 districts' and communes' areas start on 2025-07-01.
 *
 * The 40 units are NQ 1675's (21 wards, 19 communes). Each names the 2018 communes it takes over
 * where the data holds them and a source or a recollection says so; a unit none of whose 2018 communes
 * is in the data names its 2018 district instead (it then succeeds that district's center as a whole,
 * like its siblings: every 2018 district center has several successors). The intermediate steps (2020
 * commune mergers, Huế city's 2021 extension, the city becoming centrally-governed with the Phú Xuân /
 * Thuận Hóa districts on 2025-01-01) are not modelled: the data jumps from 2018 to the two-tier city,
 * and `predecessorIds` name 2018 units.
 */
export const TWO_TIER_FROM = '2025-07-01';
export const CITY_ID = 'hue';
/** The city-level PASC (Decree 118/2025 Art 7: the province-level center under the city PPC Office). */
export const CITY_CENTER_ID = 'hue-pasc';

/** Where each fact comes from; `[V]` primary, `[S]` secondary, as in the domain notes. */
export const SOURCES = {
  resolution1675:
    '[S] NQ 1675/NQ-UBTVQH15 (2025) on Huế’s commune-level arrangement: 40 units (21 wards, 19 communes), ' +
    'as reported by muaban.net/blog/don-vi-hanh-chinh-tp-hue-2025-595529 (the resolution text itself was not read)',
  plan2025:
    '[S] Huế’s commune arrangement plan of 18/4/2025 (proposed names and merged units): ' +
    'thanhnien.vn/du-kien-ten-cac-xa-phuong-moi-cua-hue-sau-khi-sap-xep-185250418130302145.htm ; ' +
    'tapchisonghuong.nvoting.com "Thành phố Huế sau sáp nhập các đơn vị hành chính cấp phường, xã" ; ' +
    'vietnam.vn/en/tp-hue-du-kien-con-40-don-vi-hanh-chinh-cap-xa-sau-sap-xep',
  resolution834:
    '[S] NQ 834/NQ-UBTVQH14 (from 2020-01-01): Hồng Tiến + Bình Điền → xã Bình Tiến (bnews.vn, baophapluat.vn)',
  resolution1264:
    '[S] NQ 1264/NQ-UBTVQH14 (from 2021-07-01): Huế city extended; thị trấn Thuận An → phường Thuận An; ' +
    'Thuận Thành merged into Đông Ba / Tây Lộc (doanhnghiephue.com.vn)',
  resolution175:
    '[S] NQ 175/2024/QH15: Huế a centrally-governed city from 2025-01-01 (quoted in NQ 1314/NQ-UBTVQH15, daibieunhandan.vn)',
  decree118:
    '[S] Decree 118/2025/NĐ-CP Art 1, 7, 14(2): provincial PASC and commune PASCs, no district level (domain notes §1.1)',
  list2025:
    '[S] the 40 names in force: zluat.com/?p=85246 (Huế’s wards and communes after the arrangement) and the Huế ' +
    'row of the 2025 regional minimum-wage list (seen quoted in a public repository); neither gives the merged units',
  plan2025Districts:
    '[S] the 18/4/2025 plan by 2018-era area (Phong Dinh, Phong Phú, Phong Quảng, Đan Điền, Kim Trà; Quảng Thành ' +
    'into Hương Phong): tapchisonghuong.nvoting.com "Thành phố Huế sau sáp nhập các đơn vị hành chính cấp phường, xã"',
  resolution1314:
    '[S] NQ 1314/NQ-UBTVQH15 (from 2025-01-01): phường Dương Nỗ from Phú Dương, Phú Mậu, Phú Thanh ' +
    '(vietbao.vn/thanh-pho-hue-se-duoc-tach-thanh-2-quan-phu-xuan-thuan-hoa-485493.html, lawnet.vn)',
  phuVang2025:
    '[S] soha.vn (2025-09-23): Phú Thượng and Phú Dương are now phường Dương Nỗ and Mỹ Thượng; thị trấn Phú Đa is now xã Phú Vang',
  mergers2021:
    '[S] NQ 1264/NQ-UBTVQH14 (from 2021-07-01): Hương An (Hương Trà), Hương Phong (Hương Trà), Phú Thượng, ' +
    'Phú Dương, Phú Mậu, Phú Thanh (Phú Vang), Thủy Vân, Thủy Bằng (Hương Thủy) joined Huế city (doanhnghiephue.com.vn)',
} as const;

const CODE_DOUBT =
  'unit code digits: the structure is Circular 10/2016’s and H57 the 2018 province’s; the 2025 codes were not found';
const NAME_NOT_FINAL =
  'name and merged units are the 18/4/2025 plan’s; not checked against NQ 1675’s final text';
const RECALLED = 'successor recalled, not found in a source';
const MERGED_FROM_PLAN = 'merged units are the 18/4/2025 plan’s; not checked against NQ 1675’s final text';
// A unit that can only succeed a district center: its `from` names the 2018 district, and this says so.
const DISTRICT_ONLY =
  'none of its 2018 communes is in this data: it succeeds only its 2018 district area (the district center)';
const AREA_GUESSED =
  'which 2018 districts its area covers is inferred from its name and the 2021 / 2025-01 mergers, not from NQ 1675';
const NAME_INFERRED = 'successor inferred from the new unit’s name, not found in a source';

interface CommuneSeed {
  slug: string;
  kind: 'phường' | 'xã';
  name: string;
  /**
   * What of 2018 this unit takes over: commune ids (`<district>.<commune>`), or a district slug when
   * none of its 2018 communes is in the data (the unit then succeeds the district and its center).
   */
  from: string[];
  sources: string[];
  unverified: string[];
}

/**
 * NQ 1675's 40 commune-level units. The first 15 take over 2018 communes of the data (each of the nine
 * 2018 district areas has one of them); the other 25 follow, so a choice "first listed" among a
 * district's successors keeps naming one of the first 15.
 */
export const COMMUNES_2025: CommuneSeed[] = [
  {
    slug: 'thuan-hoa',
    kind: 'phường',
    name: 'Thuận Hóa',
    from: ['hue-city.phu-hoi', 'hue-city.vinh-ninh', 'hue-city.phu-nhuan'],
    sources: [SOURCES.resolution1675],
    unverified: [RECALLED],
  },
  {
    slug: 'phu-xuan',
    kind: 'phường',
    name: 'Phú Xuân',
    from: ['hue-city.thuan-thanh', 'hue-city.tay-loc'],
    sources: [SOURCES.resolution1675, SOURCES.resolution1264],
    unverified: [RECALLED],
  },
  {
    slug: 'an-cuu',
    kind: 'phường',
    name: 'An Cựu',
    from: ['hue-city.an-cuu'],
    sources: [SOURCES.resolution1675],
    unverified: [RECALLED],
  },
  {
    slug: 'phu-bai',
    kind: 'phường',
    name: 'Phú Bài',
    from: ['huong-thuy.phu-bai', 'huong-thuy.duong-hoa'],
    sources: [SOURCES.resolution1675, SOURCES.plan2025],
    unverified: [RECALLED],
  },
  {
    slug: 'huong-thuy',
    kind: 'phường',
    name: 'Hương Thủy',
    from: ['huong-thuy.thuy-duong'],
    sources: [SOURCES.resolution1675, SOURCES.plan2025],
    unverified: [RECALLED],
  },
  {
    slug: 'thanh-thuy',
    kind: 'phường',
    name: 'Thanh Thủy',
    from: ['huong-thuy.thuy-thanh'],
    sources: [SOURCES.resolution1675, SOURCES.plan2025],
    unverified: [RECALLED],
  },
  {
    slug: 'huong-tra',
    kind: 'phường',
    name: 'Hương Trà',
    from: ['huong-tra.tu-ha', 'huong-tra.huong-van'],
    sources: [SOURCES.plan2025],
    unverified: [NAME_NOT_FINAL],
  },
  {
    slug: 'binh-dien',
    kind: 'xã',
    name: 'Bình Điền',
    from: ['huong-tra.binh-dien'],
    sources: [SOURCES.plan2025, SOURCES.resolution834],
    unverified: [NAME_NOT_FINAL],
  },
  {
    slug: 'phong-dien',
    kind: 'phường',
    name: 'Phong Điền',
    from: ['phong-dien.phong-dien-town'],
    sources: [SOURCES.plan2025],
    unverified: [NAME_NOT_FINAL, 'thị trấn Phong Điền → phường Phong Thu in between: recalled'],
  },
  {
    slug: 'phong-thai',
    kind: 'phường',
    name: 'Phong Thái',
    from: ['phong-dien.phong-hien'],
    sources: [SOURCES.plan2025],
    unverified: [NAME_NOT_FINAL],
  },
  {
    slug: 'quang-dien',
    kind: 'xã',
    name: 'Quảng Điền',
    from: ['quang-dien.sia', 'quang-dien.quang-phuoc', 'quang-dien.quang-an'],
    sources: [SOURCES.plan2025],
    unverified: [NAME_NOT_FINAL],
  },
  {
    slug: 'thuan-an',
    kind: 'phường',
    name: 'Thuận An',
    from: ['phu-vang.thuan-an'],
    sources: [SOURCES.plan2025, SOURCES.resolution1264],
    unverified: [NAME_NOT_FINAL],
  },
  {
    slug: 'phu-loc',
    kind: 'xã',
    name: 'Phú Lộc',
    from: ['phu-loc.phu-loc-town'],
    sources: [SOURCES.resolution1675],
    unverified: [RECALLED],
  },
  {
    slug: 'a-luoi-2',
    kind: 'xã',
    name: 'A Lưới 2',
    from: ['a-luoi.a-luoi-town'],
    sources: [SOURCES.resolution1675],
    unverified: [RECALLED, 'the five A Lưới communes are numbered 1–5 (recalled)'],
  },
  {
    slug: 'khe-tre',
    kind: 'xã',
    name: 'Khe Tre',
    from: ['nam-dong.khe-tre'],
    sources: [SOURCES.resolution1675],
    unverified: [RECALLED],
  },
  {
    slug: 'phong-dinh',
    kind: 'phường',
    name: 'Phong Dinh',
    from: ['phong-dien'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts],
    unverified: [MERGED_FROM_PLAN, DISTRICT_ONLY],
  },
  {
    slug: 'phong-phu',
    kind: 'phường',
    name: 'Phong Phú',
    from: ['phong-dien.dien-hoa'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts],
    unverified: [
      MERGED_FROM_PLAN,
      RECALLED,
      'xã Điền Hòa → phường Phong Phú (2025-01-01, NQ 1314) in between: recalled',
    ],
  },
  {
    slug: 'phong-quang',
    kind: 'phường',
    name: 'Phong Quảng',
    // Phong Hải (Phong Điền) with Quảng Công and Quảng Ngạn (Quảng Điền): two 2018 districts.
    from: ['phong-dien', 'quang-dien'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts],
    unverified: [MERGED_FROM_PLAN, DISTRICT_ONLY],
  },
  {
    slug: 'kim-tra',
    kind: 'phường',
    name: 'Kim Trà',
    from: ['huong-tra'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts],
    unverified: [MERGED_FROM_PLAN, DISTRICT_ONLY],
  },
  {
    slug: 'kim-long',
    kind: 'phường',
    name: 'Kim Long',
    from: ['hue-city'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'huong-an',
    kind: 'phường',
    name: 'Hương An',
    // Phường Hương An was Hương Trà's in 2018 and joined Huế city in 2021.
    from: ['huong-tra'],
    sources: [SOURCES.list2025, SOURCES.mergers2021],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'hoa-chau',
    kind: 'phường',
    name: 'Hóa Châu',
    // Hương Phong (Hương Trà in 2018) with Quảng Thành (Quảng Điền), per the plan's move of Quảng Thành.
    from: ['huong-tra', 'quang-dien'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts, SOURCES.mergers2021],
    unverified: [AREA_GUESSED, RECALLED, DISTRICT_ONLY],
  },
  {
    slug: 'my-thuong',
    kind: 'phường',
    name: 'Mỹ Thượng',
    from: ['phu-vang.phu-thuong'],
    sources: [SOURCES.list2025, SOURCES.phuVang2025, SOURCES.mergers2021],
    unverified: [NAME_INFERRED, 'that Phú Thượng went to Mỹ Thượng (not Dương Nỗ) is read from the names'],
  },
  {
    slug: 'vy-da',
    kind: 'phường',
    name: 'Vỹ Dạ',
    from: ['hue-city'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'duong-no',
    kind: 'phường',
    name: 'Dương Nỗ',
    // Phú Dương, Phú Mậu, Phú Thanh: Phú Vang's in 2018, Huế city's from 2021.
    from: ['phu-vang'],
    sources: [SOURCES.list2025, SOURCES.resolution1314, SOURCES.phuVang2025, SOURCES.mergers2021],
    unverified: [DISTRICT_ONLY, 'what else joined Dương Nỗ on 2025-07-01 was not found'],
  },
  {
    slug: 'thuy-xuan',
    kind: 'phường',
    name: 'Thủy Xuân',
    from: ['hue-city'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'dan-dien',
    kind: 'xã',
    name: 'Đan Điền',
    from: ['quang-dien'],
    sources: [SOURCES.list2025, SOURCES.plan2025Districts],
    unverified: [MERGED_FROM_PLAN, DISTRICT_ONLY],
  },
  {
    slug: 'phu-vinh',
    kind: 'xã',
    name: 'Phú Vinh',
    from: ['phu-vang.vinh-thanh'],
    sources: [SOURCES.list2025],
    unverified: [
      RECALLED,
      'Vinh Thanh → Phú Vinh is also in a public repository’s table (not an official source)',
    ],
  },
  {
    slug: 'phu-ho',
    kind: 'xã',
    name: 'Phú Hồ',
    from: ['phu-vang'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'phu-vang',
    kind: 'xã',
    name: 'Phú Vang',
    // Thị trấn Phú Đa, the 2018 district seat (not in the data).
    from: ['phu-vang'],
    sources: [SOURCES.list2025, SOURCES.phuVang2025],
    unverified: [DISTRICT_ONLY],
  },
  {
    slug: 'vinh-loc',
    kind: 'xã',
    name: 'Vinh Lộc',
    from: ['phu-loc'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'hung-loc',
    kind: 'xã',
    name: 'Hưng Lộc',
    from: ['phu-loc'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'loc-an',
    kind: 'xã',
    name: 'Lộc An',
    from: ['phu-loc'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  {
    slug: 'chan-may-lang-co',
    kind: 'xã',
    name: 'Chân Mây - Lăng Cô',
    from: ['phu-loc.lang-co'],
    sources: [SOURCES.list2025],
    unverified: [NAME_INFERRED],
  },
  {
    slug: 'long-quang',
    kind: 'xã',
    name: 'Long Quảng',
    from: ['nam-dong.thuong-long'],
    sources: [SOURCES.list2025],
    unverified: [NAME_INFERRED, 'read as Thượng Long + Thượng Quảng'],
  },
  {
    slug: 'nam-dong',
    kind: 'xã',
    name: 'Nam Đông',
    from: ['nam-dong'],
    sources: [SOURCES.list2025],
    unverified: [AREA_GUESSED, DISTRICT_ONLY],
  },
  ...[1, 3, 4, 5].map(
    (n): CommuneSeed => ({
      slug: `a-luoi-${n}`,
      kind: 'xã',
      name: `A Lưới ${n}`,
      from: ['a-luoi'],
      sources: [SOURCES.list2025],
      unverified: [DISTRICT_ONLY, 'which A Lưới communes each numbered commune took was not found'],
    }),
  ),
];

/**
 * 2018 communes in the data whose successor commune was not found: they end with no successor recorded
 * (their district's successors still cover their area, without saying which one).
 */
export const WITHOUT_SUCCESSOR = [
  'phu-loc.loc-dien',
  'a-luoi.hong-kim',
  'a-luoi.a-ngo',
  'nam-dong.huong-phu',
];

const CITY_DEPARTMENTS: [Exclude<DepartmentKind, 'leadership'>, string][] = [
  ['justice', 'Sở Tư pháp'],
  ['finance-planning', 'Sở Tài chính'],
  ['natural-resources', 'Sở Nông nghiệp và Môi trường'],
  ['labour-social', 'Sở Nội vụ'],
  ['urban-management', 'Sở Xây dựng'],
];
const CITY_DEPARTMENT_DOUBT =
  'department names after the 2025 merger of departments (Sở) are recalled, not from a source';

/**
 * A commune PASC's work goes to the commune's few offices (Văn phòng HĐND-UBND, Phòng Kinh tế /
 * Kinh tế-Hạ tầng-Đô thị, Phòng Văn hóa-Xã hội); one record per kind the workflows name.
 */
const communeDepartments = (c: CommuneSeed): [Exclude<DepartmentKind, 'leadership'>, string][] => {
  const economy = c.kind === 'phường' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế';
  return [
    ['justice', 'Văn phòng HĐND và UBND'],
    ['finance-planning', economy],
    ['natural-resources', economy],
    ['labour-social', 'Phòng Văn hóa – Xã hội'],
    [c.kind === 'phường' ? 'urban-management' : 'economy-infrastructure', economy],
  ];
};
const COMMUNE_DEPARTMENT_DOUBT =
  'which commune office handles each kind is assumed (one office carries several kinds)';

const communeId = (c: CommuneSeed) => `${CITY_ID}.${c.slug}`;
const centerIdOf = (c: CommuneSeed) => `${c.slug}-pasc`;
const title = (kind: string, name: string) => `${kind[0]!.toUpperCase()}${kind.slice(1)} ${name}`;

function jurisdictions(): Omit<Jurisdiction, 'validFrom' | 'validTo'>[] {
  const city: Omit<Jurisdiction, 'validFrom' | 'validTo'> = {
    jurisdictionId: CITY_ID,
    level: 'province',
    kind: 'thành phố',
    name: 'Thành phố Huế',
    unitCode: '000.00.00.H57',
    predecessorIds: [PROVINCE_ID],
    sources: [SOURCES.resolution175, SOURCES.resolution1675],
    unverified: [CODE_DOUBT, 'the city exists from 2025-01-01; this data starts it with the two tiers'],
  };
  const communes = COMMUNES_2025.map(
    (c, i): Omit<Jurisdiction, 'validFrom' | 'validTo'> => ({
      jurisdictionId: communeId(c),
      level: 'commune',
      kind: c.kind,
      name: title(c.kind, c.name),
      parentId: CITY_ID,
      unitCode: communeCode(i),
      predecessorIds: c.from.map((id) => `${PROVINCE_ID}.${id}`),
      sources: c.sources,
      unverified: [...c.unverified, CODE_DOUBT],
    }),
  );
  return [city, ...communes];
}

/** Z1Z2 = 01…: a commune directly under the city, in this list's order (assumed digits). */
const communeCode = (i: number) => `000.${String(i + 1).padStart(2, '0')}.00.H57`;

function centers(): Omit<Center, 'validFrom' | 'validTo'>[] {
  const city: Omit<Center, 'validFrom' | 'validTo'> = {
    centerId: CITY_CENTER_ID,
    name: 'Trung tâm Phục vụ hành chính công thành phố Huế',
    jurisdictionId: CITY_ID,
    unitCodes: [{ value: '000.00.00.H57', validFrom: TWO_TIER_FROM }],
    predecessorIds: [],
    sources: [SOURCES.decree118],
    unverified: [CODE_DOUBT, 'that it receives under the city People’s Committee’s code'],
  };
  const communes = COMMUNES_2025.map(
    (c, i): Omit<Center, 'validFrom' | 'validTo'> => ({
      centerId: centerIdOf(c),
      name: `Trung tâm Phục vụ hành chính công ${c.kind} ${c.name}`,
      jurisdictionId: communeId(c),
      unitCodes: [{ value: communeCode(i), validFrom: TWO_TIER_FROM }],
      // The 2018 district centers whose area this center now serves (one district may have several).
      predecessorIds: [...new Set(c.from.map((id) => id.split('.')[0]!))],
      sources: [SOURCES.decree118, ...c.sources],
      unverified: [...c.unverified, CODE_DOUBT],
    }),
  );
  return [city, ...communes];
}

function departments(): Omit<Department, 'validFrom' | 'validTo'>[] {
  const city = CITY_DEPARTMENTS.map(([kind, name]) => ({
    departmentId: `${CITY_CENTER_ID}.${kind}`,
    centerId: CITY_CENTER_ID,
    kind,
    name,
    unverified: [CITY_DEPARTMENT_DOUBT],
  }));
  const cityLeadership = {
    departmentId: `${CITY_CENTER_ID}.leadership`,
    centerId: CITY_CENTER_ID,
    kind: 'leadership' as const,
    name: 'Lãnh đạo UBND thành phố Huế',
  };
  const communes = COMMUNES_2025.flatMap((c) => [
    ...communeDepartments(c).map(([kind, name]) => ({
      departmentId: `${centerIdOf(c)}.${kind}`,
      centerId: centerIdOf(c),
      kind,
      name,
      unverified: [COMMUNE_DEPARTMENT_DOUBT],
    })),
    {
      departmentId: `${centerIdOf(c)}.leadership`,
      centerId: centerIdOf(c),
      kind: 'leadership' as const,
      name: `Lãnh đạo UBND ${c.kind} ${c.name}`,
    },
  ]);
  return [...city, cityLeadership, ...communes];
}

/** The outside agencies of interconnected procedures at each commune center (names assumed). */
function agencies(): Omit<Agency, 'validFrom' | 'validTo'>[] {
  return COMMUNES_2025.flatMap((c) => {
    const base = { jurisdictionId: communeId(c), centerId: centerIdOf(c) };
    const place = `${c.kind} ${c.name}`;
    const doubt = ['agency names after 2025 (regional branches, tax and insurance offices) are assumed'];
    return [
      {
        ...base,
        agencyId: `${centerIdOf(c)}.land-registration-branch`,
        kind: 'land-registration-branch' as const,
        name: `Chi nhánh Văn phòng Đăng ký đất đai (${place})`,
        unverified: doubt,
      },
      {
        ...base,
        agencyId: `${centerIdOf(c)}.tax-sub-department`,
        kind: 'tax-sub-department' as const,
        name: `Thuế cơ sở (${place})`,
        unverified: doubt,
      },
      { ...base, agencyId: `${centerIdOf(c)}.police`, kind: 'police' as const, name: `Công an ${place}` },
      {
        ...base,
        agencyId: `${centerIdOf(c)}.social-insurance`,
        kind: 'social-insurance' as const,
        name: `Bảo hiểm xã hội (${place})`,
        unverified: doubt,
      },
      {
        ...base,
        agencyId: `${centerIdOf(c)}.commune`,
        kind: 'commune-people-committee' as const,
        name: `UBND ${place}`,
      },
    ];
  });
}

/** The 1 July 2025 step: the 2018 province closes (and everything under it), the city opens. */
export const TWO_TIER_2025: Reorganisation = {
  effectiveFrom: TWO_TIER_FROM,
  close: [PROVINCE_ID],
  add: {
    jurisdictions: jurisdictions(),
    centers: centers(),
    departments: departments(),
    agencies: agencies(),
  },
};
