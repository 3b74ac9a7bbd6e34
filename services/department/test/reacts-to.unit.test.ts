import { describe, expect, it } from 'vitest';
import { departmentReactsTo } from '../src/app/department-app.js';

const event = (producer: string, type: string) => ({ producer, type });

describe('which events department reacts to, from the event alone', () => {
  it("reacts to the dossier's reception, workflow and routing, which make and describe its tasks", () => {
    expect(departmentReactsTo(event('intake', 'DossierReceived'))).toBe(true);
    expect(departmentReactsTo(event('intake', 'DossierSubmittedOnline'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'DossierWorkflowAssigned'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'DossierUnitsSucceeded'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'DossierRouted'))).toBe(true);
  });

  it("reacts to moved appointments, the ends that close open tasks, and its own tasks' events", () => {
    expect(departmentReactsTo(event('routing', 'ProcessingClockRestarted'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'ApologyIssued'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'DossierRefusedAfterAppraisal'))).toBe(true);
    expect(departmentReactsTo(event('routing', 'DossierProcessingStopped'))).toBe(true);
    expect(departmentReactsTo(event('department', 'TaskClaimed'))).toBe(true);
  });

  it("passes over the applicant's notifications and the counter's results", () => {
    expect(departmentReactsTo(event('notification', 'ApplicantNotified'))).toBe(false);
    expect(departmentReactsTo(event('routing', 'DossierProcessingCompleted'))).toBe(false);
    expect(departmentReactsTo(event('intake', 'ResultReceivedAtCounter'))).toBe(false);
    expect(departmentReactsTo(event('intake', 'ResultReturned'))).toBe(false);
  });

  it('is not fooled by a type named like an object property', () => {
    expect(departmentReactsTo(event('routing', 'constructor'))).toBe(false);
  });
});
