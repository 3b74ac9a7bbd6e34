import { describe, expect, it } from 'vitest';
import { allowedOnTask, mayActOnTask, mayDecideOnDossier } from '../src/duties.js';

const FINANCE = 'hue-city.finance-planning';
const LEADERSHIP = 'hue-city.leadership';
const officer = { userId: 'officer.tckh.hue', role: 'department_officer', departmentId: FINANCE };
const head = { userId: 'head.tckh.hue', role: 'department_head', departmentId: FINANCE };
const leader = { userId: 'leader.hue', role: 'district_leader', departmentId: LEADERSHIP };
const counter = { userId: 'counter.hue', role: 'counter_officer', centerId: 'hue-city' };
const appraisal = { departmentId: FINANCE, role: 'department_officer', status: 'queued' };
const signing = { departmentId: FINANCE, role: 'department_head', status: 'queued' };
const leadersStep = { departmentId: LEADERSHIP, role: 'district_leader', status: 'queued' };

describe("who may work a task (the workflow step's unit and role)", () => {
  it("lets an officer of the step's unit complete an officer's step, and its head too", () => {
    expect(mayActOnTask(officer, 'task.complete', appraisal)).toEqual({ allowed: true });
    expect(mayActOnTask(head, 'task.complete', appraisal)).toEqual({ allowed: true });
  });

  it('keeps a step the workflow gives to the head from a plain officer', () => {
    for (const action of ['task.claim', 'task.record', 'task.complete', 'task.returnStep'] as const) {
      expect(mayActOnTask(officer, action, signing)).toEqual({ allowed: false, rule: 'workflow.step-role' });
      expect(mayActOnTask(head, action, signing)).toEqual({ allowed: true });
    }
  });

  it("refuses another unit's officer, another officer's assigned task, a finished task and other roles", () => {
    expect(mayActOnTask(leader, 'task.complete', appraisal)).toMatchObject({ rule: 'department.own-queue' });
    expect(mayActOnTask(officer, 'task.complete', { ...appraisal, assignee: 'someone.else' })).toMatchObject({
      rule: 'department.assignee-only',
    });
    expect(mayActOnTask(head, 'task.complete', { ...appraisal, assignee: 'someone.else' })).toEqual({
      allowed: true,
    });
    expect(mayActOnTask(officer, 'task.complete', { ...appraisal, status: 'completed' })).toMatchObject({
      rule: 'department.task-open',
    });
    expect(mayActOnTask(officer, 'task.assign', appraisal)).toMatchObject({ rule: 'auth.role' });
    expect(mayActOnTask(counter, 'task.complete', appraisal)).toMatchObject({ rule: 'auth.role' });
  });

  it("treats a task queued before steps carried a role as an officer's step", () => {
    expect(mayActOnTask(officer, 'task.complete', { departmentId: FINANCE, status: 'queued' })).toEqual({
      allowed: true,
    });
  });
});

describe('who may decide on the whole dossier (Decree 61/2018 Art 19)', () => {
  it("refuses the leadership's refusal and stop while another unit appraises", () => {
    for (const action of ['dossier.refuse', 'dossier.stop'] as const) {
      expect(mayDecideOnDossier(leader, action, [appraisal])).toEqual({
        allowed: false,
        rule: 'law.step-holder',
      });
      expect(mayDecideOnDossier(leader, action, [leadersStep])).toEqual({ allowed: true });
      expect(mayDecideOnDossier(head, action, [appraisal])).toEqual({ allowed: true });
    }
  });

  it("lets the leadership apologise for the competent agency at any step, and the holding unit's head", () => {
    expect(mayDecideOnDossier(leader, 'dossier.apologize', [appraisal])).toEqual({ allowed: true });
    expect(mayDecideOnDossier(head, 'dossier.apologize', [appraisal])).toEqual({ allowed: true });
    expect(mayDecideOnDossier(head, 'dossier.apologize', [leadersStep])).toMatchObject({
      rule: 'law.step-holder',
    });
  });

  it("lets the appraising unit's officer ask for a supplement but not refuse", () => {
    expect(mayDecideOnDossier(officer, 'dossier.requestSupplement', [appraisal])).toEqual({ allowed: true });
    expect(mayDecideOnDossier(officer, 'dossier.refuse', [appraisal])).toMatchObject({ rule: 'auth.role' });
    expect(mayDecideOnDossier(leader, 'dossier.requestSupplement', [leadersStep])).toMatchObject({
      rule: 'auth.role',
    });
  });

  it('lets nobody decide on a dossier with no current step', () => {
    expect(mayDecideOnDossier(head, 'dossier.refuse', [])).toMatchObject({ rule: 'law.step-holder' });
  });
});

describe('what the consoles show', () => {
  it('offers exactly what the rules allow', () => {
    expect(allowedOnTask(officer, signing)).toEqual({
      claim: false,
      assign: false,
      record: false,
      complete: false,
      returnStep: false,
      requestSupplement: true,
      notifyFinancialObligation: true,
      refuse: false,
      apologize: false,
      stop: false,
    });
    expect(Object.values(allowedOnTask(head, signing)).every(Boolean)).toBe(true);
  });
});
