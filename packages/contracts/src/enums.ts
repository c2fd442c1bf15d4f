import { z } from 'zod';
import { ACTION_KINDS, ACTION_STATUSES, ADDRESSEE_KINDS, AGENCY_KINDS, BRAG_RATINGS, CONFIDENCE_LEVELS, REVIEW_STAGES, REVIEW_TYPES } from './constants';

export const AgencyKind = z.enum(AGENCY_KINDS);
export const ReviewType = z.enum(REVIEW_TYPES);
export const ReviewStage = z.enum(REVIEW_STAGES);
export const ActionKind = z.enum(ACTION_KINDS);
export const ActionStatus = z.enum(ACTION_STATUSES);
export const Brag = z.enum(BRAG_RATINGS);
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export const AddresseeKind = z.enum(ADDRESSEE_KINDS);

export type AgencyKind = z.infer<typeof AgencyKind>;
export type ReviewType = z.infer<typeof ReviewType>;
export type ReviewStage = z.infer<typeof ReviewStage>;
export type ActionKind = z.infer<typeof ActionKind>;
export type ActionStatus = z.infer<typeof ActionStatus>;
export type Brag = z.infer<typeof Brag>;
export type Confidence = z.infer<typeof Confidence>;
export type AddresseeKind = z.infer<typeof AddresseeKind>;

