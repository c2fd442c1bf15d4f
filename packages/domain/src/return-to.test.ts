import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

// The cases are in apps/web/src/lib/return-to.test.ts (the SPA's own use); these pin what the API relies on.
describe('safeReturnTo', () => {
  it('keeps a path of this site', () => {
    expect(safeReturnTo('/actions/7?tab=history#latest')).toBe('/actions/7?tab=history#latest');
  });

  it.each(['//evil.example', '/\\evil.example', '/.//evil.example', 'https://evil.example/', '/sign-in', undefined])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});
