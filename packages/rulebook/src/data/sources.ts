import type { IndicatorSet, Source } from '../types.js';

/** The texts the rulebooks cite; the research notes are `../shared/domain/decree-118-2025.md`. */
export const DECREE_61 = 'Nghị định 61/2018/NĐ-CP';
export const CIRCULAR_01 = 'Thông tư 01/2018/TT-VPCP';
export const DECREE_118 = 'Nghị định 118/2025/NĐ-CP';
export const DECREE_367 = 'Nghị định 367/2025/NĐ-CP';
export const CIRCULAR_03 = 'Thông tư 03/2025/TT-VPCP';
export const CIRCULAR_04 = 'Thông tư 04/2025/TT-VPCP';

export const at = (text: string, url?: string): Source => (url ? { text, url } : { text });

export const URL = {
  decree118:
    'https://www.hethongphapluat.vn/nghi-dinh-118-2025-nd-cp-thuc-hien-thu-tuc-hanh-chinh-theo-co-che-mot-cua-mot-cua-lien-thong-tai-bo-phan-mot-cua-va-cong-dich-vu-cong-quoc-gia.html',
  circular03:
    'https://hethongphapluat.com/thong-tu-03-2025-tt-vpcp-huong-dan-nghi-dinh-118-2025-nd-cp-thuc-hien-thu-tuc-hanh-chinh-theo-co-che-mot-cua-mot-cua-lien-thong-tai-bo-phan-mot-cua-va-cong-dich-vu-cong-quoc-gia-do-van-phong-chinh-phu-ban-hanh.html',
  circular03Forms:
    'https://thuviennhadat.vn/phap-luat/tai-file-word-bieu-mau-thong-tu-03-2025-tt-vpcp-ve-giai-quyet-thu-tuc-hanh-chinh-tai-bo-phan-mot-cua-708489.html',
  circular04Code: 'http://khcn.cinet.vn/articledetail.aspx?articleid=2663&sitepageid=423',
  decree367:
    'https://luatvietnam.vn/hanh-chinh/nghi-dinh-367-2025-nd-cp-sua-doi-nghi-dinh-118-2025-ve-thu-tuc-hanh-chinh-mot-cua-422886-d1.html',
  circular01of2020:
    'https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Thong-tu-01-2020-TT-VPCP-che-do-bao-cao-va-quan-ly-su-dung-khai-thac-He-thong-thong-tin-bao-cao-455746.aspx?tab=3',
  decision766:
    'https://sonoivu.namdinh.gov.vn/cai-cach-hanh-chinh/thu-tuong-chinh-phu-phe-duyet-bo-chi-so-chi-dao-dieu-hanh-va-danh-gia-chat-luong-phuc-vu-nguoi-dan-doanh-nghiep-trong-2373',
} as const;

/** Decision 766/QĐ-TTg (23/6/2022): the five index groups and their points, as the published text lists them. */
export const DECISION_766_SET: IndicatorSet = {
  decision: 'Quyết định 766/QĐ-TTg',
  appliesFrom: '2022-06-23',
  groups: [
    { key: 'transparency', name: 'Công khai, minh bạch', maxPoints: 18 },
    { key: 'progress', name: 'Tiến độ, kết quả giải quyết', maxPoints: 20 },
    { key: 'digitisation', name: 'Số hóa hồ sơ', maxPoints: 22 },
    { key: 'onlineServices', name: 'Cung cấp dịch vụ trực tuyến', maxPoints: 22 },
    { key: 'satisfaction', name: 'Mức độ hài lòng', maxPoints: 18 },
  ],
};

/** The official text of Decree 61/2018 and Circular 01/2018 kept with the project. */
export const LAW_FILE = 'shared/domain/law/decree-61-2018-and-circular-01-2018.md';
