import { getTableName } from 'drizzle-orm';
import * as sqlite from '../schema';
import { postgresTables } from './schema';

/**
 * The PostgreSQL tables one by one, for drizzle-kit (drizzle.postgres.config.ts), which finds tables among a module's
 * exports. schema-compare.test.ts checks that this list names every table of ../schema.
 */
const of = (table: Parameters<typeof getTableName>[0]) => postgresTables.get(getTableName(table))!;

export const agencies = of(sqlite.agencies);
export const subgroups = of(sqlite.subgroups);
export const themes = of(sqlite.themes);
export const reviews = of(sqlite.reviews);
export const reviewThemes = of(sqlite.reviewThemes);
export const learningPoints = of(sqlite.learningPoints);
export const recommendations = of(sqlite.recommendations);
export const recommendationLearningPoints = of(sqlite.recommendationLearningPoints);
export const actions = of(sqlite.actions);
export const actionAgencies = of(sqlite.actionAgencies);
export const actionThemes = of(sqlite.actionThemes);
export const progressUpdates = of(sqlite.progressUpdates);
export const settings = of(sqlite.settings);
export const users = of(sqlite.users);
export const userRoles = of(sqlite.userRoles);
export const userAgencies = of(sqlite.userAgencies);
export const userSubgroups = of(sqlite.userSubgroups);
export const sessions = of(sqlite.sessions);
export const signInFailures = of(sqlite.signInFailures);
export const signInAddresses = of(sqlite.signInAddresses);
export const auditEvents = of(sqlite.auditEvents);
export const targetDateRequests = of(sqlite.targetDateRequests);
export const targetDateChanges = of(sqlite.targetDateChanges);
export const evidenceFiles = of(sqlite.evidenceFiles);
export const progressUpdateFiles = of(sqlite.progressUpdateFiles);
export const mfaRecoveryCodes = of(sqlite.mfaRecoveryCodes);
export const mfaChallenges = of(sqlite.mfaChallenges);
export const oidcLogins = of(sqlite.oidcLogins);
export const ssoDomains = of(sqlite.ssoDomains);
export const apiTokens = of(sqlite.apiTokens);
export const chases = of(sqlite.chases);
export const chaseActions = of(sqlite.chaseActions);
export const chaseRecipients = of(sqlite.chaseRecipients);
export const replyLinks = of(sqlite.replyLinks);
export const accountLinks = of(sqlite.accountLinks);
export const emails = of(sqlite.emails);
export const imports = of(sqlite.imports);
export const actionRevisions = of(sqlite.actionRevisions);
export const recommendationRevisions = of(sqlite.recommendationRevisions);
export const reviewRevisions = of(sqlite.reviewRevisions);
export const settingsRevisions = of(sqlite.settingsRevisions);
export const snapshots = of(sqlite.snapshots);
export const snapshotActions = of(sqlite.snapshotActions);
export const planVersion = of(sqlite.planVersion);
