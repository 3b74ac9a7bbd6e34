import { toLocalDay } from '@motcua/calendar';
import { type Directory, isValidOn } from '@motcua/organisation';
import { type CountingUnits, countingUnits } from '../domain/counting-unit.js';

/** One center of a period, and the centers its area came from / went to (the board's mapping view). */
export interface CenterSuccession {
  centerId: string;
  name: string;
  validFrom: string;
  validTo?: string;
  /** Centers whose area this one took over (from the organisation data). */
  predecessorIds: string[];
  /** Centers in force at the period's end that took this one over (empty while it is in force). */
  successorIds: string[];
}

/** The reports' view of the organisation: the centers of a period, who took over whom, where a dossier counts. */
export class Succession {
  constructor(private readonly directory: Directory) {}

  /** Every center valid on some day of [from, to), old and new, in the data's order. */
  centersOf(from: Date, to: Date): CenterSuccession[] {
    const [first, last] = [toLocalDay(from), toLocalDay(new Date(to.getTime() - 1))];
    return this.directory.data.centers
      .filter((c) => c.validFrom <= last && (!c.validTo || c.validTo >= first))
      .map((c) => ({
        centerId: c.centerId,
        name: c.name,
        validFrom: c.validFrom,
        ...(c.validTo ? { validTo: c.validTo } : {}),
        predecessorIds: c.predecessorIds ?? [],
        successorIds: isValidOn(c, last)
          ? []
          : this.directory.successorsOf(c.centerId, last).map((u) => u.id),
      }));
  }

  /** The centers whose dossiers may count at these: themselves and every predecessor, transitively. */
  withPredecessors(centerIds: readonly string[]): string[] {
    const out = new Set(centerIds);
    for (const id of out) {
      const c = this.directory.data.centers.find((x) => x.centerId === id);
      for (const p of c?.predecessorIds ?? []) out.add(p);
    }
    return [...out];
  }

  units(): CountingUnits {
    return countingUnits((centerId, day) =>
      this.directory.unitExists(centerId)
        ? this.directory.successorsOf(centerId, day).map((u) => u.id)
        : [centerId],
    );
  }
}
