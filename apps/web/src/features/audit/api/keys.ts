/** Query keys of the audit trail, by the entity it is about. */
export const auditKeys = {
  all: ['audit'] as const,
  entity: (entity: string, entityId: number) => [...auditKeys.all, entity, entityId] as const,
};
