export * from './client';
export * from './migrate';
export * from './query';
export * from './dialect';
export * from './raw';
export { copyDatabase, CopyRefused, type CopiedTable } from './copy';
export { DatabaseUnavailableError, isConnectionFailure, postgresErrorOf, withoutPassword } from './postgres/client';
export * as schema from './schema';
export * from './schema';
