// routing's procedure catalogue as the consoles read it (public: GET /fields, /procedures, /procedures/:code).
import { get } from './api.js';

export interface TimeLimit {
  value: number;
  unit: 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';
}

export interface ProcedureSummary {
  code: string;
  name: string;
  fieldCode: string;
  levels: string[];
  legalTimeLimit: TimeLimit;
  departmentKinds: string[];
  onlineService?: { level?: string; decree42?: 'full' | 'partial' };
}

export interface Procedure extends Omit<ProcedureSummary, 'departmentKinds'> {
  version: number;
  fees: { name: string; amountVnd: number | 'free' | 'varies'; note?: string }[];
  requiredDocuments: {
    name: string;
    form?: string;
    count?: number;
    template?: string;
    conditional?: string;
  }[];
  result?: { name: string; types: string[] };
  legalBasis: string[];
  workflow: { stepId: string; name: string; departmentKind: string }[];
  /** Dated periods on a province's boundary-free list (Decree 118/2025 Art 14(2)). */
  boundaryFree?: { provinceId: string; validFrom: string; validTo?: string }[];
  /** Facts the catalogue could not confirm from an official source. */
  unverified?: string[];
}

export interface CatalogueField {
  fieldCode: string;
  name: string;
  procedureCount: number;
}

export const catalogue = {
  fields: () => get<CatalogueField[]>('routing', '/fields'),
  procedures: (filter: { q?: string; fieldCode?: string; departmentKind?: string } = {}) =>
    get<ProcedureSummary[]>('routing', '/procedures', filter),
  procedure: (code: string) => get<Procedure>('routing', `/procedures/${encodeURIComponent(code)}`),
};
