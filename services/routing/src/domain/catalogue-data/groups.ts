import type { ProcedureGroup } from '../catalogue.js';

const wd = (value: number) => ({ value, unit: 'working_days' as const });

/**
 * Birth registration + permanent residence + health-insurance card for a child under 6 (domain brief
 * §8): the commune People's Committee is the single entry and return point; police and social
 * insurance work in parallel once the birth is registered.
 */
export const BIRTH_RESIDENCE_HEALTH_INSURANCE: ProcedureGroup = {
  groupId: 'birth-residence-health-insurance-under-6',
  version: 1,
  name: 'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
  levels: ['commune'],
  entryAgencyKind: 'commune-people-committee',
  leadAgencyKind: 'commune-people-committee',
  legalTimeLimit: wd(20),
  onlineTimeLimit: wd(3),
  members: [
    {
      memberId: 'birth-registration',
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      agencyKind: 'commune-people-committee',
      task: 'Đăng ký khai sinh, cấp Giấy khai sinh; chuyển hồ sơ cho công an và bảo hiểm xã hội',
      allotted: wd(1),
      after: [],
      result: 'Giấy khai sinh',
    },
    {
      memberId: 'permanent-residence',
      procedureCode: '1.004222',
      procedureName: 'Đăng ký thường trú',
      agencyKind: 'police',
      task: 'Đăng ký thường trú cho trẻ, chuyển kết quả về UBND cấp xã',
      allotted: wd(10),
      after: ['birth-registration'],
      result: 'Xác nhận đăng ký thường trú',
    },
    {
      memberId: 'health-insurance-card',
      procedureName: 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
      agencyKind: 'social-insurance',
      task: 'Cấp thẻ bảo hiểm y tế, chuyển thẻ về UBND cấp xã',
      allotted: wd(5),
      after: ['birth-registration'],
      result: 'Thẻ bảo hiểm y tế',
    },
    {
      memberId: 'return-results',
      procedureName: 'Trả kết quả liên thông',
      agencyKind: 'commune-people-committee',
      task: 'Nhận kết quả từ công an và bảo hiểm xã hội, trả cho người nộp',
      allotted: wd(1),
      after: ['permanent-residence', 'health-insurance-card'],
    },
  ],
  legalBasis: [
    'Thông tư liên tịch 05/2015/TTLT-BTP-BCA-BYT',
    'Nghị định 63/2024/NĐ-CP (liên thông điện tử, toàn trình ≤ 3 ngày làm việc)',
  ],
  unverified: [
    'each agency’s share of the 20 working days (illustrative split, not from the joint circular)',
    'procedure codes 1.001193 and 1.004222 recalled; the health-insurance card’s code not known',
    'which police level registers residence (district police in 2015, commune police from 2021-07-01)',
  ],
};

export const PROCEDURE_GROUPS: ProcedureGroup[] = [BIRTH_RESIDENCE_HEALTH_INSURANCE];
