import { describe, expect, it } from 'vitest';
import { safeReturnTo, signInPath } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeReturnTo('/actions/7')).toBe('/actions/7');
    expect(safeReturnTo('/actions?agencyId=1&sort=attention#list')).toBe('/actions?agencyId=1&sort=attention#list');
  });

  it.each([
    null,
    '',
    'actions',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    // Paths that resolve to another site once the dot segments are removed.
    '/.//evil.example',
    '/a/..//evil.example',
    '/./\\evil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/sign-in',
    '/sign-in?returnTo=/actions',
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});

describe('signInPath', () => {
  it('remembers where the person was going', () => {
    expect(signInPath({ pathname: '/actions', search: '?status=in_progress', hash: '' })).toBe(
      '/sign-in?returnTo=%2Factions%3Fstatus%3Din_progress',
    );
    expect(signInPath({ pathname: '/', search: '', hash: '' })).toBe('/sign-in');
  });
});
