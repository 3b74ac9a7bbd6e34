import type { Jurisdiction } from '../types.js';

/**
 * Thừa Thiên Huế as it stood in 2018 (domain brief §1): the province, its 9 district-level units and
 * a few communes of each. The data starts on DATA_START — the system's first day, not the units'
 * founding. The 2019–2025 reorganisations (commune mergers, Huế becoming a centrally-governed city
 * on 2025-01-01, districts abolished on 2025-07-01) are NOT applied: they are added as new records
 * with `reorganise()` when someone has checked them, so the demo keeps running on these units.
 */
export const DATA_START = '2018-01-01';
export const PROVINCE_ID = 'thua-thien-hue';

const UNVERIFIED_CODE = 'unit code digits (only the Circular 10/2016 structure and H57 are from the brief)';

export interface DistrictSeed {
  slug: string;
  kind: 'thành phố' | 'thị xã' | 'huyện';
  name: string;
  /** Y1Y2 of `000.00.Y1Y2.H57`: 31 for Huế is the brief's example; 32–39 follow the brief's order by assumption. */
  level2: string;
  communes: [slug: string, kind: 'phường' | 'xã' | 'thị trấn', name: string][];
}

export const DISTRICTS: DistrictSeed[] = [
  {
    slug: 'hue-city',
    kind: 'thành phố',
    name: 'Huế',
    level2: '31',
    communes: [
      ['phu-hoi', 'phường', 'Phú Hội'],
      ['vinh-ninh', 'phường', 'Vĩnh Ninh'],
      ['phu-nhuan', 'phường', 'Phú Nhuận'],
      ['thuan-thanh', 'phường', 'Thuận Thành'],
      ['tay-loc', 'phường', 'Tây Lộc'],
      ['an-cuu', 'phường', 'An Cựu'],
    ],
  },
  {
    slug: 'huong-thuy',
    kind: 'thị xã',
    name: 'Hương Thủy',
    level2: '32',
    communes: [
      ['phu-bai', 'phường', 'Phú Bài'],
      ['thuy-duong', 'phường', 'Thủy Dương'],
      ['thuy-thanh', 'xã', 'Thủy Thanh'],
      ['duong-hoa', 'xã', 'Dương Hòa'],
    ],
  },
  {
    slug: 'huong-tra',
    kind: 'thị xã',
    name: 'Hương Trà',
    level2: '33',
    communes: [
      ['tu-ha', 'phường', 'Tứ Hạ'],
      ['huong-van', 'phường', 'Hương Văn'],
      ['binh-dien', 'xã', 'Bình Điền'],
    ],
  },
  {
    slug: 'phong-dien',
    kind: 'huyện',
    name: 'Phong Điền',
    level2: '34',
    communes: [
      ['phong-dien-town', 'thị trấn', 'Phong Điền'],
      ['phong-hien', 'xã', 'Phong Hiền'],
      ['dien-hoa', 'xã', 'Điền Hòa'],
    ],
  },
  {
    slug: 'quang-dien',
    kind: 'huyện',
    name: 'Quảng Điền',
    level2: '35',
    communes: [
      ['sia', 'thị trấn', 'Sịa'],
      ['quang-phuoc', 'xã', 'Quảng Phước'],
      ['quang-an', 'xã', 'Quảng An'],
    ],
  },
  {
    slug: 'phu-vang',
    kind: 'huyện',
    name: 'Phú Vang',
    level2: '36',
    communes: [
      ['thuan-an', 'thị trấn', 'Thuận An'],
      ['phu-thuong', 'xã', 'Phú Thượng'],
      ['vinh-thanh', 'xã', 'Vinh Thanh'],
    ],
  },
  {
    slug: 'phu-loc',
    kind: 'huyện',
    name: 'Phú Lộc',
    level2: '37',
    communes: [
      ['phu-loc-town', 'thị trấn', 'Phú Lộc'],
      ['lang-co', 'thị trấn', 'Lăng Cô'],
      ['loc-dien', 'xã', 'Lộc Điền'],
    ],
  },
  {
    slug: 'a-luoi',
    kind: 'huyện',
    name: 'A Lưới',
    level2: '38',
    communes: [
      ['a-luoi-town', 'thị trấn', 'A Lưới'],
      ['hong-kim', 'xã', 'Hồng Kim'],
      ['a-ngo', 'xã', 'A Ngo'],
    ],
  },
  {
    slug: 'nam-dong',
    kind: 'huyện',
    name: 'Nam Đông',
    level2: '39',
    communes: [
      ['khe-tre', 'thị trấn', 'Khe Tre'],
      ['huong-phu', 'xã', 'Hương Phú'],
      ['thuong-long', 'xã', 'Thượng Long'],
    ],
  },
];

/** `Thành phố Huế` as a title; `thành phố Huế` inside a longer name. */
export const titleOf = (d: Pick<DistrictSeed, 'kind' | 'name'>) =>
  `${d.kind[0]!.toUpperCase()}${d.kind.slice(1)} ${d.name}`;
export const inlineNameOf = (d: Pick<DistrictSeed, 'kind' | 'name'>) => `${d.kind} ${d.name}`;

export const districtUnitCode = (d: DistrictSeed) => `000.00.${d.level2}.H57`;

export function jurisdictions(): Jurisdiction[] {
  const province: Jurisdiction = {
    jurisdictionId: PROVINCE_ID,
    level: 'province',
    kind: 'tỉnh',
    name: 'Tỉnh Thừa Thiên Huế',
    unitCode: '000.00.00.H57',
    validFrom: DATA_START,
    unverified: ['unit code 000.00.00.H57 (H57 is the brief’s example, not checked against QCVN 102:2016)'],
  };
  const districts = DISTRICTS.map(
    (d): Jurisdiction => ({
      jurisdictionId: `${PROVINCE_ID}.${d.slug}`,
      level: 'district',
      kind: d.kind,
      name: titleOf(d),
      parentId: PROVINCE_ID,
      unitCode: districtUnitCode(d),
      validFrom: DATA_START,
      unverified: [UNVERIFIED_CODE],
    }),
  );
  const communes = DISTRICTS.flatMap((d) =>
    d.communes.map(
      ([slug, kind, name]): Jurisdiction => ({
        jurisdictionId: `${PROVINCE_ID}.${d.slug}.${slug}`,
        level: 'commune',
        kind,
        name: `${kind[0]!.toUpperCase()}${kind.slice(1)} ${name}`,
        parentId: `${PROVINCE_ID}.${d.slug}`,
        validFrom: DATA_START,
        unverified: ['name recalled for 2018; several communes merged in 2019–2021', 'no unit code known'],
      }),
    ),
  );
  return [province, ...districts, ...communes];
}
