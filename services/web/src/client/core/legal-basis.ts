// What the consoles cite: the dossier's rulebook (its name, the number and circular of each form, the
// basis of its statuses), whether the applicant may stop it, and the province's boundary-free listing
// a procedure has on a day. Pure: the rulebooks and the organisation are bundled data.
import type { Directory } from '@motcua/organisation';
import { type FormKey, type Rulebook, rulebookById, rulebookFor } from '@motcua/rulebook';

/** The rulebook a dossier was received under (intake's view names it; an older view is Decree 61). */
export const rulebookOf = (dossier: { rulebookId?: string }): Rulebook => rulebookById(dossier.rulebookId);

/**
 * The rules an online submission is checked under: those of the day it is received (intake fixes them
 * at reception), so today's, whatever its submission recorded.
 */
export const rulebookAtCheck = (
  dossier: { status: string; rulebookId?: string },
  today = new Date(),
): Rulebook => (dossier.status === 'submitted' ? rulebookFor(today) : rulebookOf(dossier));

/** `Mẫu số 01 (Thông tư 03/2025/TT-VPCP)`; a form without a model number by its name and legal text. */
export function formCitation(book: Rulebook, key: FormKey): string {
  const rule = book.forms[key];
  const { number, name, circular } = rule.value;
  if (number) return `Mẫu số ${number} (${circular ?? rule.source.text})`;
  return `${name} (${rule.source.text})`;
}

/** The legal basis of the statuses a dossier under this rulebook takes. */
export const statusBasis = (book: Rulebook): string => book.statuses.source.text;

/** The process statuses before a result exists: the applicant's stop is possible only then. */
const OPEN = new Set(['processing', 'awaiting_supplement', 'awaiting_payment']);

/** Decree 118 Art 21: stop on the applicant's request, under a rulebook that has it, before a result. */
export const mayStopOnRequest = (book: Rulebook, processStatus: string | undefined): boolean =>
  book.stopOnRequest.value.allowed &&
  book.stopOnRequest.value.notice !== null &&
  OPEN.has(processStatus ?? '');

export interface BoundaryFreePeriod {
  provinceId: string;
  validFrom: string;
  validTo?: string;
}

/** The province (root jurisdiction) a center serves on a day. */
export function provinceOf(org: Directory, centerId: string, day: string): string | undefined {
  const center = org.findCenter(centerId, day);
  let node = center && org.findJurisdiction(center.jurisdictionId, day);
  for (let guard = 0; node?.parentId && guard < 5; guard++) node = org.findJurisdiction(node.parentId, day);
  return node?.jurisdictionId;
}

/**
 * The listing that lets this center receive the procedure for another center of its province on the
 * day (the same rule intake enforces), or undefined: then only this center decides and returns.
 */
export function boundaryFreeListing(
  periods: readonly BoundaryFreePeriod[] | undefined,
  provinceId: string | undefined,
  day: string,
): BoundaryFreePeriod | undefined {
  if (!provinceId) return undefined;
  return (periods ?? []).find(
    (p) => p.provinceId === provinceId && p.validFrom <= day && (!p.validTo || day <= p.validTo),
  );
}

/** The centers of the province in force on the day, for the competent and return choices. */
export function centersOfProvince(org: Directory, provinceId: string, day: string) {
  return org
    .centers(day)
    .filter((c) => provinceOf(org, c.centerId, day) === provinceId)
    .map((c) => ({ centerId: c.centerId, name: c.name }));
}
