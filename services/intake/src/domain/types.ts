export type Channel = 'counter' | 'online' | 'postal';
export type TimeLimitUnit = 'working_days' | 'calendar_days' | 'working_hours' | 'same_day';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export interface ReceivedDocument {
  name: string;
  original: boolean;
  count: number;
}

export interface ProcedureSummary {
  code: string;
  version: number;
  name: string;
  legalTimeLimit: { value: number; unit: TimeLimitUnit };
}

export type ReturnMethod = 'counter' | 'postal' | 'electronic';
