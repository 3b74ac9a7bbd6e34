import type { NewEvent } from '@motcua/eventstore';
import type { ProcessStep } from './process.js';

/** How the successor center of an ended one was chosen, recorded on the move. */
export type ChosenBy = 'only-successor' | 'applicant-address' | 'first-listed';

/**
 * The organisation as routing asks it about ended units (Huế's 2018 districts end on 2025-06-30).
 * Undefined answers mean "still in force" (or no successor recorded): nothing moves.
 */
export interface Succession {
  /** The center in force on `at`'s day that took over `centerId`, when `centerId` has ended. */
  centerAt(
    centerId: string,
    at: Date,
    applicantAddress?: string,
  ): { centerId: string; name: string; chosenBy: ChosenBy } | undefined;
  /** The unit of the same kind as the ended `unitId` behind the successor center. */
  unitAt(unitId: string, successorCenterId: string, at: Date): { unitId: string; name: string } | undefined;
}

/** Decree 118/2025 Art 1, 7: the district level ends; commune and city centers take over its work. */
export const SUCCESSION_BASIS =
  'Nghị định 118/2025/NĐ-CP, Điều 1, Điều 7; Nghị quyết 1675/NQ-UBTVQH15 (sắp xếp đơn vị hành chính cấp xã)';

/**
 * When the dossier's competent center has ended by `at`, the move to its successor as one event,
 * and the workflow with the successor's units; nothing when the center is in force. The dossier's
 * rulebook is not touched: a dossier keeps the rules of its reception day.
 */
export function succeed(
  succession: Succession | undefined,
  process: { centerId: string; workflow: ProcessStep[] },
  at: Date,
  applicantAddress?: string,
  /** When routing decided (the event's time): a move effective at a later transfer is decided earlier. */
  decidedAt: Date = at,
): { event: NewEvent; workflow: ProcessStep[]; centerId: string } | undefined {
  const next = succession?.centerAt(process.centerId, at, applicantAddress);
  if (!succession || !next) return undefined;
  const units: { fromUnitId: string; toUnitId: string; toUnitName: string }[] = [];
  const workflow = process.workflow.map((step) => {
    const unit = succession.unitAt(step.departmentId, next.centerId, at);
    if (!unit || unit.unitId === step.departmentId) return step;
    if (!units.some((u) => u.fromUnitId === step.departmentId)) {
      units.push({ fromUnitId: step.departmentId, toUnitId: unit.unitId, toUnitName: unit.name });
    }
    return { ...step, departmentId: unit.unitId, departmentName: unit.name };
  });
  return {
    centerId: next.centerId,
    workflow,
    event: {
      type: 'DossierUnitsSucceeded',
      schemaVersion: 1,
      occurredAt: decidedAt.toISOString(),
      payload: {
        previousCenterId: process.centerId,
        centerId: next.centerId,
        centerName: next.name,
        units,
        succeededAt: at.toISOString(),
        chosenBy: next.chosenBy,
        legalBasis: SUCCESSION_BASIS,
      },
    },
  };
}
