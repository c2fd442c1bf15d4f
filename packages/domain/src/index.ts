/**
 * The rules of the product, defined once: BRAG, overdue, stale and due soon; the status workflow with its
 * evidence and reason requirements; who may do what; working days and bank holidays; London dates; review
 * timeliness. No I/O, no zod, no Node: the API, the seed loader (packages/db) and the SPA import these, so no
 * rule is restated anywhere.
 */
export * from './action-state';
export * from './action-status';
export * from './dates';
export * from './permissions';
export * from './review-stage';
export * from './review-timeliness';
export * from './working-days';
export * from './return-to';
