// Names, not codes, on every officer's screen: units and centers (bundled jurisdiction data), roles,
// officers (intake's list of the center's officers), the applicant behind a timeline's actor, and ID
// numbers masked. One place for all consoles.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api.js';
import { dictionary, type Lang } from './i18n.js';
import { organisation } from './organisation.js';
import { session } from './session.js';

let namesById: Map<string, string> | undefined;

/** Every unit's name by id, over all periods: ids are never reused, and a 2018 dossier names 2018 units. */
function nameOf(id: string): string | undefined {
  if (!namesById) {
    const { data } = organisation();
    namesById = new Map<string, string>();
    for (const r of data.jurisdictions) namesById.set(r.jurisdictionId, r.name);
    for (const r of data.centers) namesById.set(r.centerId, r.name);
    for (const r of data.departments) namesById.set(r.departmentId, r.name);
    for (const r of data.agencies) namesById.set(r.agencyId, r.name);
  }
  return namesById.get(id);
}

/**
 * A department's, agency's or center's name. A bare kind (`land-registration-branch`, as catalogue
 * templates name units) is read as that kind of unit in `centerId` (by default the officer's own center);
 * the id itself only for a unit newer than the bundled data.
 */
export function unitName(unitId: string, centerId = session.current()?.user.centerId): string {
  return (
    nameOf(unitId) ??
    (centerId && !unitId.includes('.') ? nameOf(`${centerId}.${unitId}`) : undefined) ??
    unitId
  );
}

/** A center's name, else its id. */
export function centerName(centerId: string): string {
  return unitName(centerId);
}

export const roleWords = dictionary({
  vi: {
    applicant: 'Người nộp hồ sơ',
    counter_officer: 'Cán bộ Một cửa',
    department_officer: 'Chuyên viên phòng chuyên môn',
    department_head: 'Trưởng phòng chuyên môn',
    district_leader: 'Lãnh đạo UBND',
    center_admin: 'Quản trị Trung tâm',
    supervision_board: 'Ban giám sát',
    system_admin: 'Quản trị hệ thống',
    system: 'Hệ thống',
  },
  en: {
    applicant: 'Applicant',
    counter_officer: 'Counter officer',
    department_officer: 'Department officer',
    department_head: 'Head of department',
    district_leader: "People's Committee leadership",
    center_admin: 'Center administrator',
    supervision_board: 'Supervision board',
    system_admin: 'System administrator',
    system: 'System',
  },
});

/** A role in words ("Trưởng phòng chuyên môn"), the code only for a role this page does not know. */
export const roleName = (role: string, lang: Lang): string =>
  (roleWords[lang] as Record<string, string>)[role] ?? role;

export const documentFormWords = dictionary({
  vi: {
    original: 'bản chính',
    copy: 'bản sao',
    certified_copy: 'bản sao có chứng thực',
    original_or_copy: 'bản sao kèm bản chính để đối chiếu',
  },
  en: {
    original: 'original',
    copy: 'copy',
    certified_copy: 'certified copy',
    original_or_copy: 'copy checked against the original',
  },
});

/** The form a document is handed in as (the catalogue's `original`, `certified_copy`…), in words. */
export const documentFormName = (form: string, lang: Lang): string =>
  (documentFormWords[lang] as Record<string, string>)[form] ?? form;

/** An ID number with all but its last three digits hidden: enough to tell two people apart at a glance. */
export const maskIdNumber = (idNumber: string): string =>
  idNumber.length <= 3 ? '•••' : `${'•'.repeat(idNumber.length - 3)}${idNumber.slice(-3)}`;

export interface Officer {
  userId: string;
  displayName: string;
  role: string;
  departmentId?: string;
}

const officersByCenter = new Map<string, Promise<Officer[]>>();

/** The center's officers (read once per tab); an empty list when the list cannot be read. */
export function officersOf(centerId: string): Promise<Officer[]> {
  let found = officersByCenter.get(centerId);
  if (!found) {
    found = get<Officer[]>('intake', `/centers/${encodeURIComponent(centerId)}/officers`).catch(() => {
      officersByCenter.delete(centerId);
      return [];
    });
    officersByCenter.set(centerId, found);
  }
  return found;
}

/** userId → full name, for a center; filled once the list arrives. */
export function useOfficerNames(centerId: string | undefined): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    if (!centerId) return;
    let live = true;
    void officersOf(centerId).then((list) => {
      if (live) setNames(new Map(list.map((o) => [o.userId, o.displayName])));
    });
    return () => {
      live = false;
    };
  }, [centerId]);
  return names;
}

/** An officer by full name, their login only while the names are not known. */
export const officerName = (names: Map<string, string>, userId: string): string =>
  names.get(userId) ?? userId;

/**
 * Who did something in a timeline, as an officer should read it: the applicant by name (never
 * `applicant:<ID number>`), an officer by full name, the system as such.
 */
export function actorName(
  actor: { userId: string; role: string; displayName?: string },
  context: { applicantName: string; officers: Map<string, string>; lang: Lang },
): string {
  if (actor.role === 'applicant' || actor.userId.startsWith('applicant:')) {
    const who = roleName('applicant', context.lang);
    if (context.applicantName) return `${context.applicantName} (${who})`;
    // no name at hand: the ID number masked, never whole
    return `${who} (${maskIdNumber(actor.userId.replace(/^applicant:/, ''))})`;
  }
  if (actor.role === 'system') return roleName('system', context.lang);
  const name = context.officers.get(actor.userId) ?? actor.displayName ?? actor.userId;
  return `${name} (${roleName(actor.role, context.lang)})`;
}
