import type { Field } from '../catalogue.js';

/** Field codes are `MX1X2-LV` (Circular 01/2018 Art 20); H57 is the province, LV mnemonic. */
const LV_UNVERIFIED = 'LV part of the field code: mnemonic, not the Government Office’s list';

export const FIELDS: Field[] = [
  { fieldCode: 'H57-HT', name: 'Hộ tịch' },
  { fieldCode: 'H57-CT', name: 'Chứng thực' },
  { fieldCode: 'H57-HKD', name: 'Thành lập và hoạt động của hộ kinh doanh' },
  { fieldCode: 'H57-XD', name: 'Hoạt động xây dựng' },
  { fieldCode: 'H57-DD', name: 'Đất đai' },
  { fieldCode: 'H57-DKBD', name: 'Đăng ký biện pháp bảo đảm' },
  { fieldCode: 'H57-BTXH', name: 'Bảo trợ xã hội' },
].map((f) => ({ ...f, unverified: [LV_UNVERIFIED] }));
