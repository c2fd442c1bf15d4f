import type { AuditEvent } from '@lrt/contracts';
import { describe, expect, it } from 'vitest';
import { describeActionEvent, type ChangeContext } from './describe-change';

const context: ChangeContext = {
  agencies: new Map([
    [1, { name: 'West Midlands Police' }],
    [2, { name: 'Birmingham Children’s Trust' }],
  ]),
  subgroups: new Map([[5, { name: 'Learning and Practice Review subgroup' }]]),
  themes: new Map([[6, { name: 'Child’s voice' }]]),
  recommendations: new Map([[11, { number: 2 }]]),
};

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: 1,
  at: '2026-02-02T15:30:00.000Z',
  actorId: 2,
  actorName: 'Alex Morgan',
  entity: 'action',
  entityId: 7,
  operation: 'update',
  before: null,
  after: null,
  requestId: null,
  ...overrides,
});

describe('describeActionEvent', () => {
  it('puts each changed field in words, in the order of the action page', () => {
    const { title, changes } = describeActionEvent(
      event({
        before: { themeIds: [], subgroupId: 5, recommendationId: null, partnerAgencyIds: [2], successMeasure: '' },
        after: { themeIds: [6], subgroupId: null, recommendationId: 11, partnerAgencyIds: [1, 2], successMeasure: 'An audit shows it' },
      }),
      context,
    );
    expect(title).toBe('Details changed');
    expect(changes).toEqual([
      'Recommendation set to recommendation 2',
      'Partner agencies changed from Birmingham Children’s Trust to West Midlands Police, Birmingham Children’s Trust',
      'Measure of success set to “An audit shows it”',
      'Themes set to Child’s voice',
      'Subgroup removed (was Learning and Practice Review subgroup)',
    ]);
  });

  it('names statuses and confidence with the shared labels, leaving out bookkeeping', () => {
    const { title, changes } = describeActionEvent(
      event({
        operation: 'progress_update',
        before: { status: 'completed', latestConfidence: 'on_track', evidenceOfImpact: null, lastUpdateAt: '2026-01-01T00:00:00.000Z' },
        after: {
          status: 'assured',
          latestConfidence: 'on_track',
          evidenceOfImpact: 'Audit of 20 cases: 19 spoke to the child alone.',
          lastUpdateAt: '2026-02-02T15:30:00.000Z',
          progressUpdateId: 44,
          note: 'Signed off at the subgroup.',
        },
      }),
      context,
    );
    expect(title).toBe('Progress update posted');
    expect(changes).toEqual([
      'Status changed from Completed to Assured',
      'Evidence of impact set to “Audit of 20 cases: 19 spoke to the child alone.”',
    ]);
  });

  it("names a chair's comment and the business unit's update on an agency's behalf, not their bookkeeping", () => {
    const comment = describeActionEvent(
      event({ operation: 'progress_update', before: null, after: { progressUpdateId: 45, kind: 'comment', postedAs: 'subgroup_chair', agencyId: null, note: 'Bring the figures.' } }),
      context,
    );
    expect(comment).toEqual({ title: 'Comment from the subgroup chair', changes: [] });
    const onBehalf = describeActionEvent(
      event({
        operation: 'progress_update',
        before: { latestConfidence: null },
        after: { latestConfidence: 'at_risk', progressUpdateId: 46, kind: 'progress', postedAs: 'business_unit', agencyId: 1, note: 'By email.' },
      }),
      context,
    );
    expect(onBehalf).toEqual({ title: 'Progress update posted on behalf of West Midlands Police', changes: ['Latest confidence set to At risk'] });
  });

  it('does not list the fields of a new action, and names unknown fields and operations readably', () => {
    expect(describeActionEvent(event({ operation: 'create', after: { ref: 'SD-2022/A3' } }), context)).toEqual({
      title: 'Action added',
      changes: [],
    });
    expect(describeActionEvent(event({ before: { dueSoonFlag: false }, after: { dueSoonFlag: true } }), context).changes).toEqual([
      'Due soon flag changed from no to yes',
    ]);
    expect(describeActionEvent(event({ operation: 'sessions_revoked' }), context).title).toBe('Sessions revoked');
  });
});
