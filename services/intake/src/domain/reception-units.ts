import { DomainError } from '@motcua/contracts';
import { type Directory, dayOf } from '@motcua/organisation';

/** A period of a procedure on a province's boundary-free list (routing's catalogue data). */
export interface BoundaryFreePeriod {
  provinceId: string;
  validFrom: string;
  /** Empty or absent: still listed. */
  validTo?: string;
}

/**
 * Decree 118/2025 Art 14(2), 20: the center that receives a dossier, the unit whose work it is, and
 * where the applicant collects the result are three facts. Before 2025 they were one center.
 */
export interface ReceptionUnits {
  receivingCenterId: string;
  competentCenterId: string;
  returnCenterId: string;
}

export interface ReceptionRequest {
  procedureCode: string;
  receivingCenterId: string;
  /** Absent: the receiving center decides (the ordinary, in-boundary case). */
  competentCenterId?: string;
  /** Absent: the result is returned where the dossier was received. */
  returnCenterId?: string;
  boundaryFree: readonly BoundaryFreePeriod[];
  receivedAt: Date;
}

/** The province (root jurisdiction) a center serves on a day. */
function provinceOf(org: Directory, centerId: string, day: string): string | undefined {
  const center = org.findCenter(centerId, day);
  let node = center && org.findJurisdiction(center.jurisdictionId, day);
  for (let guard = 0; node?.parentId && guard < 5; guard++) node = org.findJurisdiction(node.parentId, day);
  return node?.jurisdictionId;
}

/** True when the procedure is on the province's boundary-free list on that day. */
export function isBoundaryFree(periods: readonly BoundaryFreePeriod[], provinceId: string, day: string) {
  return periods.some(
    (p) => p.provinceId === provinceId && p.validFrom <= day && (!p.validTo || day <= p.validTo),
  );
}

/**
 * Which centers receive, decide and return, or a refusal that writes nothing: another center may
 * decide or return only for a procedure on the province's boundary-free list on the reception day,
 * and only inside that province.
 */
export function receptionUnits(org: Directory, r: ReceptionRequest): ReceptionUnits {
  const day = dayOf(r.receivedAt);
  const units: ReceptionUnits = {
    receivingCenterId: r.receivingCenterId,
    competentCenterId: r.competentCenterId || r.receivingCenterId,
    returnCenterId: r.returnCenterId || r.receivingCenterId,
  };
  for (const [field, centerId] of [
    ['competentCenterId', units.competentCenterId],
    ['returnCenterId', units.returnCenterId],
  ] as const) {
    if (!org.findCenter(centerId, day)) {
      throw new DomainError('INVALID_INPUT', {
        details: { field, centerId, rule: 'intake.center-in-force' },
        messages: {
          vi: `Không có Trung tâm ${centerId} vào ngày ${day}`,
          en: `There is no center ${centerId} on ${day}`,
        },
      });
    }
  }
  const elsewhere =
    units.competentCenterId !== units.receivingCenterId || units.returnCenterId !== units.receivingCenterId;
  if (!elsewhere) return units;
  const province = provinceOf(org, units.receivingCenterId, day);
  const sameProvince = [units.competentCenterId, units.returnCenterId].every(
    (id) => provinceOf(org, id, day) === province,
  );
  if (!province || !sameProvince || !isBoundaryFree(r.boundaryFree, province, day)) {
    throw new DomainError('FORBIDDEN_TRANSITION', {
      details: {
        rule: 'intake.boundary-free-only',
        procedureCode: r.procedureCode,
        ...units,
        provinceId: province ?? null,
      },
      messages: {
        vi:
          'Thủ tục này không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính của tỉnh vào ngày ' +
          `${day}: chỉ Trung tâm có thẩm quyền tiếp nhận, giải quyết và trả kết quả`,
        en:
          `This procedure is not on the province's boundary-free list on ${day}: ` +
          'only the competent center receives it, decides it and returns its result',
      },
    });
  }
  return units;
}
