import { z } from 'zod';
import { AUDIT_OPERATIONS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from './constants';

export const Role = z.enum(ROLES);
import { Id, IdRef, Instant, page, PageQuery, repeatable, requiredText, SearchText, Version } from './common';
import { LIMITS } from './constants';

export type Role = z.infer<typeof Role>;



export const Email = z
  .string()
  .trim()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be an email address' }))
  .transform((email) => email.toLowerCase());

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  agencyIds: z.array(z.number().int()),
  subgroupIds: z.array(z.number().int()),
  active: z.boolean(),
  lastSignInAt: Instant.nullable(),
  /** Their password was set by an administrator and must be changed at their next sign-in. */
  mustChangePassword: z.boolean(),
  /** When they turned on two-factor sign-in; null while it is off. */
  secondFactorEnabledAt: Instant.nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

/** What the signed-in user may do, computed by the API's rule table so the SPA never re-derives it. */
export const Capabilities = z.object({
  managePlans: z.boolean(),
  manageReferenceData: z.boolean(),
  manageUsers: z.boolean(),
  manageSettings: z.boolean(),
  readAudit: z.boolean(),
  postUpdates: z.boolean(),
  assureActions: z.boolean(),
  /** May send update requests (chases): the business unit, and subgroup chairs for their subgroups. */
  chase: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

/**
 * Two-factor sign-in of the signed-in user. `required`: their role must use it (a partnership setting) and they
 * signed in with a password; while it is required and not enabled, the session can do nothing but set it up.
 */
export const SecondFactor = z.object({
  enabled: z.boolean(),
  required: z.boolean(),
  enabledAt: Instant.nullable(),
  /** Recovery codes not yet used. */
  recoveryCodesLeft: z.number().int(),
});
export type SecondFactor = z.infer<typeof SecondFactor>;

export const Me = z.object({
  user: User,
  csrfToken: z.string(),
  capabilities: Capabilities,
  /** The password was set by an administrator: until the user chooses their own, they can do nothing else. */
  mustChangePassword: z.boolean(),
  secondFactor: SecondFactor,
});
export type Me = z.infer<typeof Me>;

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `must be at most ${PASSWORD_MAX_LENGTH} characters` });

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1, { error: 'must not be empty' }).max(254),
  password: z.string().min(1, { error: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
});
export type LoginBody = z.output<typeof LoginBody>;

export const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1, { error: 'must not be empty' }).max(PASSWORD_MAX_LENGTH),
  newPassword: Password,
});
export type PasswordChange = z.output<typeof PasswordChange>;

const roleLinks = {
  roles: z.array(Role).min(1, { error: 'give the user at least one role' }).max(ROLES.length),
  agencyIds: z.array(IdRef).max(LIMITS.ids),
  subgroupIds: z.array(IdRef).max(LIMITS.ids),
};

export const UserCreate = z.strictObject({
  email: Email,
  name: requiredText(LIMITS.name),
  password: Password,
  ...roleLinks,
  agencyIds: roleLinks.agencyIds.default([]),
  subgroupIds: roleLinks.subgroupIds.default([]),
});
export type UserCreate = z.output<typeof UserCreate>;
export type UserCreateInput = z.input<typeof UserCreate>;

export const UserPatch = z.strictObject({
  version: Version,
  email: Email.optional(),
  name: requiredText(LIMITS.name).optional(),
  /** A new password for the user; their sessions end. */
  password: Password.optional(),
  roles: roleLinks.roles.optional(),
  agencyIds: roleLinks.agencyIds.optional(),
  subgroupIds: roleLinks.subgroupIds.optional(),
  /** Deactivating a user ends their sessions at once. */
  active: z.boolean().optional(),
});
export type UserPatch = z.output<typeof UserPatch>;
export type UserPatchInput = z.input<typeof UserPatch>;

export const UserListQuery = PageQuery.extend({
  role: repeatable(Role).optional(),
  agencyId: repeatable(Id).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: SearchText.optional(),
});
export const UserPage = page(User);

export const AuditOperation = z.enum(AUDIT_OPERATIONS);

export const AuditEvent = z.object({
  id: z.number().int(),
  at: Instant,
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  operation: AuditOperation,
  /** The fields that changed, as they were before; null on create. */
  before: z.record(z.string(), z.unknown()).nullable(),
  /** The fields that changed, as they are after. */
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = PageQuery.extend({
  entity: z.string().trim().max(40).optional(),
  entityId: Id.optional(),
  actorId: Id.optional(),
  from: Instant.or(z.iso.date()).optional(),
  to: Instant.or(z.iso.date()).optional(),
});
export const AuditPage = page(AuditEvent);
