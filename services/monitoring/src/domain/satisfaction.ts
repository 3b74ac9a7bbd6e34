/**
 * The applicants' satisfaction, from their ratings (`ApplicantFeedbackGiven`, 1–5) folded into the
 * per-dossier facts: per center × field, the ratings given in the period, their average and the
 * share satisfied (4 or 5). Circular 01/2018 Art 13.7 measures staff attitude from applicant
 * assessments and Decision 766/QĐ-TTg reports "mức độ hài lòng"; a rating answers the latter (the
 * handling of the dossier as a whole), not the former. Pure.
 */
import { type DossierFact, UNKNOWN_FIELD } from './statistics.js';

/** A rating of 4 (satisfied) or 5 (very satisfied). */
export const SATISFIED_FROM = 4;

export interface SatisfactionFigures {
  ratings: number;
  /** Mean rating to one decimal; null without a rating. */
  average: number | null;
  satisfied: number;
  /** satisfied / ratings in percent, one decimal; null without a rating. */
  satisfiedShare: number | null;
}

export interface SatisfactionRow extends SatisfactionFigures {
  centerId: string;
  fieldCode: string;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The figures of a list of ratings. */
export function satisfactionOf(ratings: readonly number[]): SatisfactionFigures {
  const n = ratings.length;
  const satisfied = ratings.filter((r) => r >= SATISFIED_FROM).length;
  return {
    ratings: n,
    average: n ? round1(ratings.reduce((a, b) => a + b, 0) / n) : null,
    satisfied,
    satisfiedShare: n ? round1((100 * satisfied) / n) : null,
  };
}

/** The rating of a fact if it was given in [from, to). */
export function ratingIn(fact: DossierFact, from: number, to: number): number | undefined {
  const t = fact.feedback ? Date.parse(fact.feedback.givenAt) : Number.NaN;
  return t >= from && t < to ? fact.feedback?.rating : undefined;
}

/**
 * One row per center × field with a rating given in [from, to), sorted by center then field; a
 * dossier whose procedure the catalogue did not know counts under `unknown`.
 */
export function satisfactionRows(
  facts: Iterable<DossierFact>,
  input: { from: Date; to: Date; fieldOf?: (procedureCode: string) => string | undefined },
): SatisfactionRow[] {
  const [from, to] = [input.from.getTime(), input.to.getTime()];
  const groups = new Map<string, { centerId: string; fieldCode: string; ratings: number[] }>();
  for (const fact of facts) {
    const rating = ratingIn(fact, from, to);
    if (rating === undefined) continue;
    const fieldCode = fact.fieldCode || input.fieldOf?.(fact.procedureCode) || UNKNOWN_FIELD;
    const key = `${fact.centerId}\u0000${fieldCode}`;
    const group = groups.get(key) ?? { centerId: fact.centerId, fieldCode, ratings: [] };
    group.ratings.push(rating);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.centerId.localeCompare(b.centerId) || a.fieldCode.localeCompare(b.fieldCode))
    .map(({ centerId, fieldCode, ratings }) => ({ centerId, fieldCode, ...satisfactionOf(ratings) }));
}
