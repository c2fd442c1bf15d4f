import { describe, expect, it } from 'vitest';
import * as contract from '@lrt/contracts';
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from './sections';

describe('the report sections of the SPA', () => {
  it('are the contract’s, in its order and under its headings', () => {
    expect(REPORT_SECTIONS).toEqual(contract.REPORT_SECTIONS);
    expect(REPORT_SECTION_TITLES).toEqual(contract.REPORT_SECTION_TITLES);
  });
});
