import type { Role } from '@motcua/auth';
import { hashPassword } from '@motcua/auth/password';
import type { Collection, Db } from 'mongodb';

/** An officer's account; `_id` is the username. */
export interface UserRecord {
  _id: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  centerId?: string;
  departmentId?: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** An officer as colleagues see them: login, full name, role, department. */
export interface Officer {
  userId: string;
  displayName: string;
  role: Role;
  departmentId?: string;
}

export type NewUser = Pick<UserRecord, '_id' | 'displayName' | 'role' | 'centerId' | 'departmentId'>;

/**
 * One account per role at the Huế city center of 2018 (the tests before 2025's data use them), and
 * accounts at today's centers, for the demo and the end-to-end tests.
 */
export const DEMO_USERS: readonly NewUser[] = [
  {
    _id: 'counter.hue',
    displayName: 'Nguyễn Thị Thu (Một cửa)',
    role: 'counter_officer',
    centerId: 'hue-city',
  },
  {
    _id: 'officer.tckh.hue',
    displayName: 'Trần Văn Nam (Phòng TC-KH)',
    role: 'department_officer',
    centerId: 'hue-city',
    departmentId: 'hue-city.finance-planning',
  },
  {
    _id: 'head.tckh.hue',
    displayName: 'Lê Thị Hạnh (Trưởng phòng TC-KH)',
    role: 'department_head',
    centerId: 'hue-city',
    departmentId: 'hue-city.finance-planning',
  },
  {
    _id: 'leader.hue',
    displayName: 'Phạm Minh Quang (Phó Chủ tịch UBND)',
    role: 'district_leader',
    centerId: 'hue-city',
    departmentId: 'hue-city.leadership',
  },
  {
    _id: 'admin.hue',
    displayName: 'Hoàng Văn Bảo (Quản trị Trung tâm)',
    role: 'center_admin',
    centerId: 'hue-city',
  },
  ...(
    [
      ['officer.tnmt.hue', 'Đặng Văn Long (Phòng TN&MT)', 'hue-city.natural-resources'],
      ['officer.tuphap.hue', 'Võ Thị Lan (Phòng Tư pháp)', 'hue-city.justice'],
      ['officer.vpdk.hue', 'Ngô Văn Hải (Chi nhánh VPĐK đất đai)', 'hue-city.land-registration-branch'],
      ['officer.thue.hue', 'Bùi Thị Hồng (Chi cục Thuế)', 'hue-city.tax-sub-department'],
      ['officer.congan.hue', 'Trương Văn Dũng (Công an)', 'hue-city.police'],
      ['officer.bhxh.hue', 'Lý Thị Mỹ (Bảo hiểm xã hội)', 'hue-city.social-insurance'],
      ['officer.phuhoi.hue', 'Huỳnh Văn Tâm (UBND phường Phú Hội)', 'hue-city.commune.phu-hoi'],
    ] as const
  ).map(
    ([_id, displayName, departmentId]): NewUser => ({
      _id,
      displayName,
      role: 'department_officer',
      centerId: 'hue-city',
      departmentId,
    }),
  ),
  // A second center, so that comparisons across localities have something to compare.
  {
    _id: 'counter.huongthuy',
    displayName: 'Lê Thị Na (Một cửa Hương Thủy)',
    role: 'counter_officer',
    centerId: 'huong-thuy',
  },
  {
    _id: 'officer.tckh.huongthuy',
    displayName: 'Phan Văn Sơn (Phòng TC-KH Hương Thủy)',
    role: 'department_officer',
    centerId: 'huong-thuy',
    departmentId: 'huong-thuy.finance-planning',
  },
  {
    _id: 'leader.huongthuy',
    displayName: 'Trần Đình Khoa (Phó Chủ tịch UBND Hương Thủy)',
    role: 'district_leader',
    centerId: 'huong-thuy',
    departmentId: 'huong-thuy.leadership',
  },
  // Today's two-tier Huế (from 2025-07-01): a ward center and the city center (Decree 118/2025).
  ...(
    [
      ['counter.ancuu', 'Đoàn Thị Yến (Một cửa phường An Cựu)', 'counter_officer', 'an-cuu-pasc', undefined],
      [
        'officer.kt.ancuu',
        'Lê Văn Phúc (Phòng KT-HT-ĐT An Cựu)',
        'department_officer',
        'an-cuu-pasc',
        'an-cuu-pasc.finance-planning',
      ],
      [
        'leader.ancuu',
        'Nguyễn Hữu Lộc (Phó Chủ tịch UBND phường An Cựu)',
        'district_leader',
        'an-cuu-pasc',
        'an-cuu-pasc.leadership',
      ],
      [
        'counter.thuanhoa',
        'Trần Thị Hoa (Một cửa phường Thuận Hóa)',
        'counter_officer',
        'thuan-hoa-pasc',
        undefined,
      ],
      ['counter.city', 'Võ Minh Tú (Trung tâm PVHCC thành phố)', 'counter_officer', 'hue-pasc', undefined],
      [
        'officer.stc.city',
        'Hồ Thị Vân (Sở Tài chính)',
        'department_officer',
        'hue-pasc',
        'hue-pasc.finance-planning',
      ],
      [
        'leader.city',
        'Phan Quốc Việt (Phó Chủ tịch UBND thành phố)',
        'district_leader',
        'hue-pasc',
        'hue-pasc.leadership',
      ],
    ] as const
  ).map(
    ([_id, displayName, role, centerId, departmentId]): NewUser => ({
      _id,
      displayName,
      role,
      centerId,
      ...(departmentId ? { departmentId } : {}),
    }),
  ),
  { _id: 'board', displayName: 'Ban giám sát dịch vụ công', role: 'supervision_board' },
  { _id: 'sysadmin', displayName: 'Quản trị hệ thống', role: 'system_admin' },
];

/** Intake's `users` collection, read by `_id`. */
export class UserRepository {
  private readonly users: Collection<UserRecord>;

  constructor(db: Db) {
    this.users = db.collection<UserRecord>('users');
  }

  find(username: string): Promise<UserRecord | null> {
    return this.users.findOne({ _id: username });
  }

  /**
   * A center's active officers by name (never a password hash): the consoles show names, not logins.
   * A scan of `users`, which holds a few hundred accounts at most.
   */
  async officersOf(centerId: string): Promise<Officer[]> {
    const found = await this.users
      .find({ centerId, active: true }, { projection: { displayName: 1, role: 1, departmentId: 1 } })
      .toArray();
    return found
      .map((u) => ({
        userId: u._id,
        displayName: u.displayName,
        role: u.role,
        ...(u.departmentId ? { departmentId: u.departmentId } : {}),
      }))
      .sort((a, b) => a.userId.localeCompare(b.userId));
  }

  /**
   * Creates the accounts that do not exist yet; existing ones (and their passwords) are left as they
   * are, so a restart or a second instance changes nothing. Returns the usernames created.
   */
  async seed(users: readonly NewUser[], password: string, now = new Date()): Promise<string[]> {
    const ids = users.map((u) => u._id);
    const existing = new Set(
      (await this.users.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((u) => u._id),
    );
    const created: string[] = [];
    for (const user of users.filter((u) => !existing.has(u._id))) {
      const passwordHash = await hashPassword(password);
      const result = await this.users.updateOne(
        { _id: user._id },
        { $setOnInsert: { ...user, passwordHash, active: true, createdAt: now, updatedAt: now } },
        { upsert: true },
      );
      if (result.upsertedCount === 1) created.push(user._id);
    }
    return created;
  }
}
