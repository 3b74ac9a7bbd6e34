import type { HolidayName, LocalDay, SourceStatus } from './types.js';

/** One row of shared/domain/holidays.md: an inclusive break, weekends included. */
export interface OfficialRow {
  year: number;
  holidays: readonly HolidayName[];
  from: LocalDay;
  to: LocalDay;
  swappedOff?: readonly LocalDay[];
  workingSaturdays?: readonly LocalDay[];
  status: SourceStatus;
  source: string;
  note?: string;
}

const NY: HolidayName[] = ['newYear'];
const TET: HolidayName[] = ['lunarNewYear'];
const HUNG: HolidayName[] = ['hungKingsCommemoration'];
const APR_MAY: HolidayName[] = ['reunificationDay', 'labourDay'];
const ND: HolidayName[] = ['nationalDay'];

// Official days off for agencies with a Mon–Fri week, 2018–2026, from shared/domain/holidays.md.
// "confirmed (secondary)" rows are `secondary`; rows whose dates are confirmed but whose notice
// number was not found stay `confirmed` with a note.
export const OFFICIAL_ROWS: readonly OfficialRow[] = [
  // 2018 (Labour Code 2012: 2/9 alone)
  {
    year: 2018,
    holidays: NY,
    from: '2017-12-30',
    to: '2018-01-01',
    status: 'secondary',
    source: '2sao.vn press',
  },
  {
    year: 2018,
    holidays: TET,
    from: '2018-02-14',
    to: '2018-02-20',
    status: 'confirmed',
    source: 'Thông báo 573/TB-VPCP (14/12/2017); MOLISA notice 22/12/2017',
    note: 'MOLISA notice number unverified',
  },
  {
    year: 2018,
    holidays: HUNG,
    from: '2018-04-25',
    to: '2018-04-25',
    status: 'secondary',
    source: 'school notice; timeanddate',
  },
  {
    year: 2018,
    holidays: APR_MAY,
    from: '2018-04-28',
    to: '2018-05-01',
    status: 'secondary',
    source: '2sao.vn press',
  },
  {
    year: 2018,
    holidays: ND,
    from: '2018-09-01',
    to: '2018-09-03',
    status: 'confirmed',
    source: '573/TB-VPCP; EVN',
  },
  // 2019
  {
    year: 2019,
    holidays: NY,
    from: '2018-12-29',
    to: '2019-01-01',
    swappedOff: ['2018-12-31'],
    workingSaturdays: ['2019-01-05'],
    status: 'confirmed',
    source: 'Công văn 6519/VPCP-KGVX (11/7/2018); Thông báo 3238/TB-LĐTBXH',
  },
  {
    year: 2019,
    holidays: TET,
    from: '2019-02-02',
    to: '2019-02-10',
    status: 'confirmed',
    source: '6519/VPCP-KGVX',
  },
  {
    year: 2019,
    holidays: HUNG,
    from: '2019-04-13',
    to: '2019-04-15',
    status: 'secondary',
    source: 'infonet press',
  },
  {
    year: 2019,
    holidays: APR_MAY,
    from: '2019-04-27',
    to: '2019-05-01',
    swappedOff: ['2019-04-29'],
    workingSaturdays: ['2019-05-04'],
    status: 'confirmed',
    source: '6519/VPCP-KGVX; 3238/TB-LĐTBXH',
  },
  {
    year: 2019,
    holidays: ND,
    from: '2019-08-31',
    to: '2019-09-02',
    status: 'secondary',
    source: 'tienphong press',
  },
  // 2020
  {
    year: 2020,
    holidays: NY,
    from: '2020-01-01',
    to: '2020-01-01',
    status: 'secondary',
    source: 'dautuvietnam press',
  },
  {
    year: 2020,
    holidays: TET,
    from: '2020-01-23',
    to: '2020-01-29',
    status: 'confirmed',
    source: 'Thông báo 4544/TB-LĐTBXH (25/10/2019)',
    note: 'VPCP letter number unverified',
  },
  {
    year: 2020,
    holidays: HUNG,
    from: '2020-04-02',
    to: '2020-04-02',
    status: 'secondary',
    source: 'timeanddate; worldholidayhub',
  },
  {
    year: 2020,
    holidays: APR_MAY,
    from: '2020-04-30',
    to: '2020-05-03',
    status: 'secondary',
    source: 'baosuckhoecongdong press',
  },
  {
    year: 2020,
    holidays: ND,
    from: '2020-09-02',
    to: '2020-09-02',
    status: 'secondary',
    source: 'tuoitrexahoi press',
  },
  // 2021 (Labour Code 2019: 2/9 plus one adjacent day)
  {
    year: 2021,
    holidays: NY,
    from: '2021-01-01',
    to: '2021-01-03',
    status: 'secondary',
    source: 'company page; no swap found',
  },
  {
    year: 2021,
    holidays: TET,
    from: '2021-02-10',
    to: '2021-02-16',
    status: 'confirmed',
    source: 'Công văn 9895/VPCP-KGVX (26/11/2020)',
    note: 'MOLISA notice number unverified',
  },
  {
    year: 2021,
    holidays: HUNG,
    from: '2021-04-21',
    to: '2021-04-21',
    status: 'secondary',
    source: 'nguoiduatin press',
  },
  {
    year: 2021,
    holidays: APR_MAY,
    from: '2021-04-30',
    to: '2021-05-03',
    status: 'secondary',
    source: 'press; company page',
  },
  {
    year: 2021,
    holidays: ND,
    from: '2021-09-02',
    to: '2021-09-05',
    status: 'confirmed',
    source: '9895/VPCP-KGVX',
    note: 'adjacent day is the day after (Fri 3/9)',
  },
  // 2022
  {
    year: 2022,
    holidays: NY,
    from: '2022-01-01',
    to: '2022-01-03',
    status: 'secondary',
    source: 'quangninh.news; officeholidays',
  },
  {
    year: 2022,
    holidays: TET,
    from: '2022-01-29',
    to: '2022-02-06',
    status: 'confirmed',
    source: 'Công văn 245/VPCP-KGVX (11/1/2022)',
  },
  {
    year: 2022,
    holidays: HUNG,
    from: '2022-04-09',
    to: '2022-04-11',
    status: 'secondary',
    source: 'qbtv press',
  },
  {
    year: 2022,
    holidays: APR_MAY,
    from: '2022-04-30',
    to: '2022-05-03',
    status: 'secondary',
    source: 'qbtv; officeholidays',
  },
  {
    year: 2022,
    holidays: ND,
    from: '2022-09-01',
    to: '2022-09-04',
    status: 'confirmed',
    source: '245/VPCP-KGVX',
  },
  // 2023
  {
    year: 2023,
    holidays: NY,
    from: '2022-12-31',
    to: '2023-01-02',
    status: 'secondary',
    source: 'legal Q&A page (weak source)',
  },
  {
    year: 2023,
    holidays: TET,
    from: '2023-01-20',
    to: '2023-01-26',
    status: 'confirmed',
    source: 'Công văn 8056/VPCP-KGVX (1/12/2022)',
    note: 'MOLISA notice number unverified',
  },
  {
    year: 2023,
    holidays: [...HUNG, ...APR_MAY],
    from: '2023-04-29',
    to: '2023-05-03',
    status: 'secondary',
    source: 'kinhtedothi; todaycnews (aggregator)',
  },
  {
    year: 2023,
    holidays: ND,
    from: '2023-09-01',
    to: '2023-09-04',
    status: 'confirmed',
    source: '8056/VPCP-KGVX',
  },
  // 2024
  {
    year: 2024,
    holidays: NY,
    from: '2023-12-30',
    to: '2024-01-01',
    status: 'secondary',
    source: 'dbndnghean press',
  },
  {
    year: 2024,
    holidays: TET,
    from: '2024-02-08',
    to: '2024-02-14',
    status: 'confirmed',
    source: 'Công văn 8662/VPCP-KGVX (3/11/2023)',
  },
  {
    year: 2024,
    holidays: HUNG,
    from: '2024-04-18',
    to: '2024-04-18',
    status: 'confirmed',
    source: 'xaydungchinhsach.chinhphu.vn',
  },
  {
    year: 2024,
    holidays: APR_MAY,
    from: '2024-04-27',
    to: '2024-05-01',
    swappedOff: ['2024-04-29'],
    workingSaturdays: ['2024-05-04'],
    status: 'confirmed',
    source: 'Công văn 2450/VPCP-KGVX (12/4/2024); MOLISA 1511/BLĐTBXH-CATLĐ',
  },
  {
    year: 2024,
    holidays: ND,
    from: '2024-08-31',
    to: '2024-09-03',
    status: 'confirmed',
    source: '8662/VPCP-KGVX',
  },
  // 2025
  {
    year: 2025,
    holidays: NY,
    from: '2025-01-01',
    to: '2025-01-01',
    status: 'secondary',
    source: 'retail page (weak source)',
  },
  {
    year: 2025,
    holidays: TET,
    from: '2025-01-25',
    to: '2025-02-02',
    status: 'confirmed',
    source: 'Công văn 8726/VPCP-KGVX (26/11/2024); Thông báo 6150/TB-LĐTBXH',
  },
  {
    year: 2025,
    holidays: HUNG,
    from: '2025-04-05',
    to: '2025-04-07',
    status: 'secondary',
    source: 'thoidai press',
  },
  {
    year: 2025,
    holidays: APR_MAY,
    from: '2025-04-30',
    to: '2025-05-04',
    swappedOff: ['2025-05-02'],
    workingSaturdays: ['2025-04-26'],
    status: 'confirmed',
    source: '8726/VPCP-KGVX; 6150/TB-LĐTBXH',
  },
  {
    year: 2025,
    holidays: ND,
    from: '2025-08-30',
    to: '2025-09-02',
    status: 'confirmed',
    source: '6150/TB-LĐTBXH',
  },
  // 2026 (Bộ Nội vụ notifies; sources up to about Feb 2026)
  {
    year: 2026,
    holidays: NY,
    from: '2026-01-01',
    to: '2026-01-04',
    swappedOff: ['2026-01-02'],
    workingSaturdays: ['2026-01-10'],
    status: 'confirmed',
    source: 'Công văn 12729/VPCP-KGVX (25/12/2025)',
  },
  {
    year: 2026,
    holidays: TET,
    from: '2026-02-14',
    to: '2026-02-22',
    status: 'confirmed',
    source: 'VPCP letter of 13/10/2025',
    note: 'document number unverified',
  },
  {
    year: 2026,
    holidays: HUNG,
    from: '2026-04-25',
    to: '2026-04-27',
    status: 'secondary',
    source: 'thanhnien press',
    note: 'any later swap of 28–29/4 unverified',
  },
  {
    year: 2026,
    holidays: APR_MAY,
    from: '2026-04-30',
    to: '2026-05-03',
    status: 'secondary',
    source: 'thanhnien press',
    note: 'any later swap unverified',
  },
  {
    year: 2026,
    holidays: ND,
    from: '2026-08-29',
    to: '2026-09-02',
    swappedOff: ['2026-08-31'],
    workingSaturdays: ['2026-08-22'],
    status: 'confirmed',
    source: 'VPCP letter of 13/10/2025',
    note: 'document number unverified',
  },
];

/**
 * Days proposed as days off but NOT in force in the sources: they are not days off by default.
 * An administrator adds them to a year's override once the law is amended.
 */
export const UNVERIFIED_DAYS_OFF: readonly {
  day: LocalDay;
  holiday: HolidayName;
  source: string;
  note: string;
}[] = [
  {
    day: '2026-11-24',
    holiday: 'vietnamCultureDay',
    source: 'Nghị quyết 30/NQ-CP (Feb 2026) orders amending Labour Code Art 112(1); vneconomy press',
    note: 'Ngày Văn hóa Việt Nam: approved in principle, not in force on 26/2/2026',
  },
];
