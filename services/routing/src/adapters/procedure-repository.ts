import { DomainError } from '@motcua/contracts';
import { type Directory, ORGANISATION, type UnitKind } from '@motcua/organisation';
import type { Collection, Db } from 'mongodb';
import {
  CODE_PATTERN,
  type Field,
  type Level,
  type Procedure,
  type ProcedureGroup,
  validateGroup,
  validateProcedure,
  validateWorkflow,
} from '../domain/catalogue.js';
import { groupAsProcedure } from '../domain/group-procedure.js';
import { rankByWords } from '../domain/search.js';
import { FIELDS, PROCEDURE_GROUPS } from '../domain/seed.js';

interface Versioned<T> {
  _id: string;
  currentVersion: number;
  versions: T[];
  /** Compare-and-set counter: FerretDB's single-document atomicity is all we rely on (ADR 0002). */
  revision: number;
}

/** What listings and search need of a procedure's current version. */
export interface ProcedureSummary {
  code: string;
  version: number;
  name: string;
  fieldCode: string;
  levels: Level[];
  legalTimeLimit: Procedure['legalTimeLimit'];
  cutoffApplies: boolean;
  departmentKinds: UnitKind[];
  onlineService?: Procedure['onlineService'];
  keywords?: string[];
}

/** One small document answers every listing (by field, by department kind, search) in one `_id` read. */
interface CatalogueIndex {
  _id: 'catalogue';
  revision: number;
  fields: Field[];
  procedures: ProcedureSummary[];
  groups: ProcedureGroup[];
}

export interface ProcedureFilter {
  fieldCode?: string;
  departmentKind?: string;
  level?: Level;
  /** Words, with or without diacritics; results are ranked by matched words. */
  q?: string;
}

export interface SeedReport {
  published: string[];
  unchanged: string[];
  /** Seed versions that differ from what is stored: the stored one is kept (never rewritten). */
  conflicts: string[];
}

const INDEX_ID = 'catalogue';
const MAX_ATTEMPTS = 20;
/** Plain JSON: `undefined` keys dropped, so a stored version compares equal to its source. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

export function summarise(p: Procedure): ProcedureSummary {
  return plain({
    code: p.code,
    version: p.version,
    name: p.name,
    fieldCode: p.fieldCode,
    levels: p.levels ?? ['district'],
    legalTimeLimit: p.legalTimeLimit,
    cutoffApplies: p.cutoffApplies ?? false,
    departmentKinds: [...new Set((p.workflow ?? []).map((s) => s.departmentKind).filter(Boolean))],
    onlineService: p.onlineService,
    keywords: p.keywords,
  });
}

/** How long a procedure's current version is answered from memory (see `ProcedureRepository.current`). */
export const CURRENT_VERSION_TTL_MS = 10_000;

/**
 * The catalogue: one document per procedure code with every published version (a dossier's own
 * version and the current one are both a read by `_id`), the same per procedure group, and the
 * `catalogue_index` document for listings.
 */
export class ProcedureRepository {
  private readonly procedures: Collection<Versioned<Procedure>>;
  private readonly groupDocs: Collection<Versioned<ProcedureGroup>>;
  private readonly index: Collection<CatalogueIndex>;
  /** Published versions, by `code@version`: a published version never changes (see `store`). */
  private readonly published = new Map<string, Procedure>();
  /**
   * The current version of each procedure as read at most `recent.ttlMs` ago (every reception asks
   * for it). A version published by this process is current here at once; one published by another
   * routing instance, within that time.
   */
  private readonly current = new Map<string, { at: number; procedure: Procedure }>();

  constructor(
    db: Db,
    private readonly org: Directory = ORGANISATION,
    private readonly now: () => Date = () => new Date(),
    private readonly recent = { ttlMs: CURRENT_VERSION_TTL_MS, now: Date.now },
  ) {
    this.procedures = db.collection('procedures');
    this.groupDocs = db.collection('procedure_groups');
    this.index = db.collection('catalogue_index');
  }

  /**
   * Publishes the seed versions that are missing, then brings the index up to date. Idempotent; a
   * version already stored is never rewritten, even when the seed's differs (reported as a conflict).
   */
  async seed(
    procedures: Procedure[],
    knownUnits: ReadonlySet<string>,
    catalogue: { fields?: Field[]; groups?: ProcedureGroup[] } = { fields: FIELDS, groups: PROCEDURE_GROUPS },
  ): Promise<SeedReport> {
    const report: SeedReport = { published: [], unchanged: [], conflicts: [] };
    for (const procedure of procedures) {
      const problems = [
        ...new Set([...validateWorkflow(procedure, knownUnits), ...this.problemsOf(procedure)]),
      ];
      if (problems.length > 0) throw new Error(`procedure ${procedure.code}: ${problems.join('; ')}`);
      const outcome = await this.store(this.procedures, procedure.code, procedure);
      this.current.delete(procedure.code);
      report[outcome].push(`${procedure.code}@${procedure.version}`);
    }
    for (const group of catalogue.groups ?? []) {
      const problems = validateGroup(group, this.org);
      if (problems.length > 0) throw new Error(`procedure group ${group.groupId}: ${problems.join('; ')}`);
      const outcome = await this.store(this.groupDocs, group.groupId, group);
      report[outcome].push(`${group.groupId}@${group.version}`);
    }
    await this.refreshIndex(
      procedures.map((p) => p.code),
      catalogue.fields,
      (catalogue.groups ?? []).map((g) => g.groupId),
    );
    return report;
  }

  /** Publishes a new version; it must be newer than every stored one. Old versions stay as they were. */
  async publish(procedure: Procedure): Promise<void> {
    const problems = this.problemsOf(procedure);
    if (problems.length > 0)
      throw new DomainError('INVALID_INPUT', { details: { procedureCode: procedure.code, problems } });
    const outcome = await this.store(this.procedures, procedure.code, procedure);
    this.current.delete(procedure.code);
    if (outcome !== 'published') {
      throw new DomainError('PROCEDURE_VERSION_EXISTS', {
        kind: 'conflict',
        details: { procedureCode: procedure.code, version: procedure.version },
        messages: {
          vi: 'Phiên bản thủ tục này đã được công bố; hãy công bố phiên bản mới',
          en: 'This procedure version is already published; publish a new version',
        },
      });
    }
    await this.refreshIndex([procedure.code]);
  }

  /** A version of a procedure, or its current one when version is 0. */
  /** A procedure version, or an interconnected group received as one dossier (its id as the code). */
  async get(code: string, version = 0): Promise<Procedure> {
    const known = version > 0 ? this.published.get(`${code}@${version}`) : this.recentCurrent(code);
    if (known) return known;
    const at = this.recent.now();
    const doc = await this.procedures.findOne({ _id: code });
    const wanted = version || doc?.currentVersion;
    const procedure = doc?.versions.find((v) => v.version === wanted);
    if (procedure) {
      this.published.set(`${code}@${procedure.version}`, procedure);
      if (version === 0) this.current.set(code, { at, procedure });
      return procedure;
    }
    if (!CODE_PATTERN.test(code)) {
      const group = await this.getGroup(code, version).catch(() => undefined);
      if (group) return groupAsProcedure(group);
    }
    throw new DomainError('PROCEDURE_NOT_FOUND', { details: { procedureCode: code, version } });
  }

  private recentCurrent(code: string): Procedure | undefined {
    const seen = this.current.get(code);
    return seen && this.recent.now() - seen.at < this.recent.ttlMs ? seen.procedure : undefined;
  }

  async versions(code: string) {
    const doc = await this.procedures.findOne({ _id: code });
    if (!doc) throw new DomainError('PROCEDURE_NOT_FOUND', { details: { procedureCode: code } });
    return doc.versions
      .map((p) => ({
        version: p.version,
        name: p.name,
        legalTimeLimit: p.legalTimeLimit,
        ...(p.effectiveFrom ? { effectiveFrom: p.effectiveFrom } : {}),
        current: p.version === doc.currentVersion,
      }))
      .sort((a, b) => a.version - b.version);
  }

  /** Current versions' summaries, filtered; with `q`, ranked by matched words and scored. */
  async list(filter: ProcedureFilter = {}): Promise<(ProcedureSummary & { score?: number })[]> {
    const index = await this.readIndex();
    const matching = index.procedures.filter(
      (p) =>
        (!filter.fieldCode || p.fieldCode === filter.fieldCode) &&
        (!filter.departmentKind || p.departmentKinds.includes(filter.departmentKind as UnitKind)) &&
        (!filter.level || p.levels.includes(filter.level)),
    );
    if (!filter.q?.trim()) return matching;
    return rankByWords(matching, filter.q).map(({ item, score }) => ({ ...item, score }));
  }

  /** Full current versions (for gRPC ListProcedures), in listing order. */
  async listCurrent(filter: ProcedureFilter | string = {}): Promise<Procedure[]> {
    const summaries = await this.list(typeof filter === 'string' ? { fieldCode: filter } : filter);
    return Promise.all(summaries.map((s) => this.get(s.code)));
  }

  async fields(): Promise<(Field & { procedureCount: number })[]> {
    const index = await this.readIndex();
    return index.fields.map((f) => ({
      ...f,
      procedureCount: index.procedures.filter((p) => p.fieldCode === f.fieldCode).length,
    }));
  }

  async groups(): Promise<ProcedureGroup[]> {
    return (await this.readIndex()).groups;
  }

  async getGroup(groupId: string, version = 0): Promise<ProcedureGroup> {
    const doc = await this.groupDocs.findOne({ _id: groupId });
    const group = doc?.versions.find((v) => v.version === (version || doc.currentVersion));
    if (!group)
      throw new DomainError('NOT_FOUND', {
        details: { groupId, version },
        messages: { en: 'Procedure group not found' },
      });
    return group;
  }

  private problemsOf(procedure: Procedure): string[] {
    return validateProcedure(procedure, this.org, procedure.effectiveFrom ?? this.now());
  }

  /** Adds one version to a versioned document by compare-and-set on its revision. */
  private async store<T extends { version: number }>(
    collection: Collection<Versioned<T>>,
    id: string,
    value: T,
  ): Promise<'published' | 'unchanged' | 'conflicts'> {
    const version = plain(value);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const doc = await collection.findOne({ _id: id } as never);
      if (!doc) {
        const inserted = await collection
          .insertOne({ _id: id, currentVersion: version.version, versions: [version], revision: 1 } as never)
          .then(() => true)
          .catch((e: { code?: number }) => {
            if (e.code === 11000) return false; // another writer created it first: read again
            throw e;
          });
        if (inserted) return 'published';
        continue;
      }
      const stored = doc.versions.find((v) => v.version === version.version);
      if (stored) return canonical(stored) === canonical(version) ? 'unchanged' : 'conflicts';
      if (version.version < doc.currentVersion) return 'conflicts'; // history is not back-filled
      const result = await collection.updateOne(
        { _id: id, revision: doc.revision } as never,
        {
          $push: { versions: version },
          $set: { currentVersion: version.version },
          $inc: { revision: 1 },
        } as never,
      );
      if (result.modifiedCount === 1) return 'published';
    }
    throw new DomainError('VERSION_CONFLICT', { details: { id } });
  }

  private async readIndex(): Promise<CatalogueIndex> {
    const index = await this.index.findOne({ _id: INDEX_ID });
    return index ?? { _id: INDEX_ID, revision: 0, fields: [], procedures: [], groups: [] };
  }

  /** Rewrites the index entries of the given codes and groups from their documents (compare-and-set). */
  private async refreshIndex(codes: string[], fields?: Field[], groupIds: string[] = []): Promise<void> {
    const current = async <T>(collection: Collection<Versioned<T & { version: number }>>, id: string) => {
      const doc = await collection.findOne({ _id: id } as never);
      return doc?.versions.find((v) => v.version === doc.currentVersion);
    };
    const summaries = new Map<string, ProcedureSummary>();
    for (const code of new Set(codes)) {
      const p = await current(this.procedures, code);
      if (p) summaries.set(code, summarise(p));
    }
    const groups = new Map<string, ProcedureGroup>();
    for (const id of new Set(groupIds)) {
      const g = await current(this.groupDocs, id);
      if (g) groups.set(id, g);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const index = await this.readIndex();
      const next = {
        fields: fields ? plain(fields) : index.fields,
        procedures: merge(index.procedures, summaries, (p) => p.code),
        groups: merge(index.groups, groups, (g) => g.groupId),
      };
      const { _id, revision, ...before } = index;
      if (revision > 0 && canonical(before) === canonical(next)) return; // nothing new: no write
      if (revision === 0) {
        const created = await this.index
          .insertOne({ _id: INDEX_ID, revision: 1, ...next })
          .then(() => true)
          .catch((e: { code?: number }) => {
            if (e.code === 11000) return false;
            throw e;
          });
        if (created) return;
        continue;
      }
      const result = await this.index.updateOne(
        { _id: INDEX_ID, revision },
        { $set: next, $inc: { revision: 1 } },
      );
      if (result.matchedCount === 1) return;
    }
    throw new DomainError('VERSION_CONFLICT', { details: { id: INDEX_ID } });
  }
}

function merge<T>(existing: T[], updates: Map<string, T>, key: (t: T) => string): T[] {
  const byKey = new Map(existing.map((e) => [key(e), e]));
  for (const [k, v] of updates) byKey.set(k, v);
  return [...byKey.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
