import type {
  Agency,
  Center,
  Day,
  Department,
  Jurisdiction,
  JurisdictionLevel,
  OrganisationData,
  UnitKind,
} from './types.js';
import { dayOf, isValidOn } from './validity.js';

/** Kinds that carry the same duties under another name (Decree 37/2014: city vs rural district). */
export const EQUIVALENT_KINDS: Readonly<Partial<Record<UnitKind, readonly UnitKind[]>>> = {
  'urban-management': ['economy-infrastructure'],
  'economy-infrastructure': ['urban-management'],
};

export type Unit =
  | { type: 'jurisdiction'; id: string; record: Jurisdiction }
  | { type: 'center'; id: string; record: Center }
  | { type: 'department'; id: string; record: Department }
  | { type: 'agency'; id: string; record: Agency };

/** A step's responsible unit, resolved for one center. */
export interface ResolvedUnit {
  unitId: string;
  name: string;
  kind: UnitKind;
  type: 'department' | 'agency';
}

export type AsOf = Date | Day;

/**
 * Read-only lookups over organisation data, each "as of" a date: a dossier received in 2018 asks
 * about 2018, whatever has been reorganised since. Ids are never reused, so a lookup by id is unique.
 */
export interface Directory {
  readonly data: OrganisationData;
  findUnit(id: string, asOf: AsOf): Unit | undefined;
  /** True when the id names a unit valid on that day, or ever when no day is given. */
  unitExists(id: string, asOf?: AsOf): boolean;
  findJurisdiction(id: string, asOf: AsOf): Jurisdiction | undefined;
  childrenOf(jurisdictionId: string, asOf: AsOf): Jurisdiction[];
  findCenter(centerId: string, asOf: AsOf): Center | undefined;
  /** Centers valid on the day, optionally only those serving a jurisdiction level. */
  centers(asOf: AsOf, level?: JurisdictionLevel): Center[];
  unitCodeOf(centerId: string, asOf: AsOf): string | undefined;
  findDepartment(departmentId: string, asOf: AsOf): Department | undefined;
  departmentsOf(centerId: string, asOf: AsOf): Department[];
  findAgency(agencyId: string, asOf: AsOf): Agency | undefined;
  agenciesOf(centerId: string, asOf: AsOf): Agency[];
  /** Every kind some unit of the data has (at any time). */
  knownKinds(): ReadonlySet<UnitKind>;
  /** Every jurisdiction, center, department and agency in force on the day. */
  unitsInForce(asOf: AsOf): Unit[];
  /**
   * The units in force on the day that took over a unit, following successions across several
   * reorganisations: the unit itself while it is in force; for a center or jurisdiction, those naming
   * it (or a successor of it) in `predecessorIds`; for a department or agency, the unit of the same
   * kind behind each successor center. Empty when the data records no successor.
   */
  successorsOf(unitId: string, asOf: AsOf): Unit[];
  /**
   * The unit of a kind behind a center: its department, else an equivalent kind's, else the one
   * agency of that kind serving it. Undefined when none or several match (commune People's
   * Committees: the dossier's commune decides, not the center).
   */
  resolve(centerId: string, kind: UnitKind, asOf: AsOf): ResolvedUnit | undefined;
}

export function createDirectory(data: OrganisationData): Directory {
  const byId = new Map<string, Unit>();
  const add = (unit: Unit) => byId.set(unit.id, unit);
  for (const r of data.jurisdictions) add({ type: 'jurisdiction', id: r.jurisdictionId, record: r });
  for (const r of data.centers) add({ type: 'center', id: r.centerId, record: r });
  for (const r of data.departments) add({ type: 'department', id: r.departmentId, record: r });
  for (const r of data.agencies) add({ type: 'agency', id: r.agencyId, record: r });
  const kinds = new Set<UnitKind>([...data.departments, ...data.agencies].map((u) => u.kind));

  const findUnit = (id: string, asOf: AsOf) => {
    const unit = byId.get(id);
    return unit && isValidOn(unit.record, dayOf(asOf)) ? unit : undefined;
  };
  const findTyped = <T extends Unit['type']>(type: T, id: string, asOf: AsOf) => {
    const unit = findUnit(id, asOf);
    return unit?.type === type ? (unit.record as Extract<Unit, { type: T }>['record']) : undefined;
  };
  const validOn = <T extends { validFrom: Day; validTo?: Day }>(records: T[], asOf: AsOf) => {
    const day = dayOf(asOf);
    return records.filter((r) => isValidOn(r, day));
  };
  const departmentsOf = (centerId: string, asOf: AsOf) =>
    validOn(data.departments, asOf).filter((d) => d.centerId === centerId);
  const agenciesOf = (centerId: string, asOf: AsOf) =>
    validOn(data.agencies, asOf).filter((a) => a.centerId === centerId);

  const successorsOf = (unitId: string, asOf: AsOf): Unit[] => {
    const day = dayOf(asOf);
    const unit = byId.get(unitId);
    if (!unit) return [];
    if (isValidOn(unit.record, day)) return [unit];
    if (unit.type === 'department' || unit.type === 'agency') {
      const { centerId, kind } = unit.record;
      return successorsOf(centerId, day).flatMap((c) => {
        const r = resolveIn(c.id, kind, day);
        const found = r && byId.get(r.unitId);
        return found && (found.type === 'department' || found.type === 'agency') ? [found] : [];
      });
    }
    // Breadth-first over the predecessor links, only forward in time (ids are never reused).
    const found = new Map<string, Unit>();
    const queue = [unitId];
    for (let i = 0; i < queue.length; i++) {
      for (const next of byId.values()) {
        if (next.type !== unit.type || found.has(next.id) || queue.includes(next.id)) continue;
        const preds = (next.record as { predecessorIds?: string[] }).predecessorIds ?? [];
        if (!preds.includes(queue[i]!)) continue;
        if (isValidOn(next.record, day)) found.set(next.id, next);
        else if (next.record.validFrom <= day) queue.push(next.id);
      }
    }
    return [...found.values()];
  };

  const resolveIn = (centerId: string, kind: UnitKind, asOf: AsOf): ResolvedUnit | undefined => {
    const departments = departmentsOf(centerId, asOf);
    for (const k of [kind, ...(EQUIVALENT_KINDS[kind] ?? [])]) {
      const d = departments.find((x) => x.kind === k);
      if (d) return { unitId: d.departmentId, name: d.name, kind: d.kind, type: 'department' };
    }
    const matches = agenciesOf(centerId, asOf).filter((a) => a.kind === kind);
    const only = matches.length === 1 ? matches[0] : undefined;
    return only && { unitId: only.agencyId, name: only.name, kind: only.kind, type: 'agency' };
  };

  return {
    data,
    findUnit,
    unitExists: (id, asOf) => (asOf === undefined ? byId.has(id) : findUnit(id, asOf) !== undefined),
    findJurisdiction: (id, asOf) => findTyped('jurisdiction', id, asOf),
    childrenOf: (id, asOf) => validOn(data.jurisdictions, asOf).filter((j) => j.parentId === id),
    findCenter: (id, asOf) => findTyped('center', id, asOf),
    centers: (asOf, level) =>
      validOn(data.centers, asOf).filter(
        (c) => !level || findTyped('jurisdiction', c.jurisdictionId, asOf)?.level === level,
      ),
    unitCodeOf: (centerId, asOf) => {
      const center = findTyped('center', centerId, asOf);
      return center && validOn(center.unitCodes, asOf)[0]?.value;
    },
    findDepartment: (id, asOf) => findTyped('department', id, asOf),
    departmentsOf,
    findAgency: (id, asOf) => findTyped('agency', id, asOf),
    agenciesOf,
    knownKinds: () => kinds,
    unitsInForce: (asOf) => {
      const day = dayOf(asOf);
      return [...byId.values()].filter((u) => isValidOn(u.record, day));
    },
    successorsOf,
    resolve: resolveIn,
  };
}
