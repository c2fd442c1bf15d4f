import { describe, expect, it } from 'vitest';
import { matchOptions, agencyOption } from '@/components/agency-picker';
import { makeAgency } from '@/test/factories';
import { bodyOf, emptyRow, toRowErrors } from './plan-rows';

describe('matchOptions (the agency type-ahead)', () => {
  const agencies = [
    makeAgency({ id: 1, name: 'Sandwell Children’s Trust', shortName: 'SCT', kind: 'local_authority' }),
    makeAgency({ id: 2, name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' }),
    makeAgency({ id: 3, name: 'West Midlands Police', shortName: 'WMP' }),
    makeAgency({ id: 4, name: 'Black Country Healthcare NHS Foundation Trust', shortName: 'BCHFT', kind: 'health' }),
  ].map(agencyOption);
  const names = (typed: string) => matchOptions(agencies, typed).map((option) => option.value);

  it('finds an agency by its short name first', () => {
    expect(names('wmp')).toEqual([3]);
    expect(names('WMAS')).toEqual([2]);
  });

  it('finds agencies by the start of any word of the name, then anywhere in it', () => {
    expect(names('west')).toEqual([2, 3]);
    expect(names('pol')).toEqual([3]);
    expect(names('trust')).toEqual([1, 4]);
    expect(names('idlan')).toEqual([2, 3]);
  });

  it('offers everything when nothing is typed, and nothing for a name no agency has', () => {
    expect(names('')).toEqual([1, 2, 3, 4]);
    expect(names('fire')).toEqual([]);
  });
});

describe('bodyOf and toRowErrors', () => {
  it('sends the rows as actions, leaving partners off single-agency ones and the owner out of the partners', () => {
    const rows = [
      { ...emptyRow(1, '9'), ownerAgencyId: 3, partnerAgencyIds: [2], learningNeed: 'Need', action: 'Act', targetDate: '31/3/27' },
      { ...emptyRow(2, ''), ownerAgencyId: 3, kind: 'multi_agency' as const, partnerAgencyIds: [3, 2], learningNeed: 'Need 2', action: 'Act 2' },
    ];
    const { body, errors } = bodyOf(rows);
    expect(errors).toEqual([]);
    expect(body.actions).toEqual([
      expect.objectContaining({ recommendationId: 9, ownerAgencyId: 3, kind: 'single_agency', partnerAgencyIds: [], targetDate: '2027-03-31' }),
      expect.objectContaining({ recommendationId: null, ownerAgencyId: 3, kind: 'multi_agency', partnerAgencyIds: [2], targetDate: null }),
    ]);
  });

  it('places the errors of `actions.<i>.<field>` on their row, in the words of the form', () => {
    expect(
      toRowErrors([
        { path: 'actions.2.ownerAgencyId', message: 'no agency with id 99' },
        { path: 'actions.0.learningNeed', message: 'must not be empty', code: 'too_small' },
        { path: 'actions.0.ownerAgencyId', message: 'Invalid input: expected number, received undefined', code: 'invalid_type' },
        { path: 'actions', message: 'at most 200 actions at a time' },
      ]),
    ).toEqual([
      { index: null, field: undefined, message: 'At most 200 actions at a time' },
      { index: 0, field: 'ownerAgencyId', message: 'Choose the agency' },
      { index: 0, field: 'learningNeed', message: 'Enter the identified learning need' },
      { index: 2, field: 'ownerAgencyId', message: 'Agency: no agency with id 99' },
    ]);
  });
});
