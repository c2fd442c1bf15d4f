import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lrt/contracts';
import commonPasswordList from './common-passwords.data';

/**
 * NIST SP 800-63B: a length floor, no composition rules, and a check against passwords known to be common.
 * Only passwords of at least the minimum length are in the list; shorter ones are refused by length anyway.
 */
const COMMON = new Set(commonPasswordList.split('\n').filter(Boolean));

export function passwordProblem(password: string, context: { email?: string | undefined; name?: string | undefined } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the most common passwords: choose another';
  if (/^(.)\1+$/.test(password)) return 'must not be one character repeated';
  const emailName = context.email?.split('@')[0]?.toLowerCase();
  if (emailName && emailName.length >= 4 && lower.includes(emailName)) return 'must not contain your email address';
  if (context.name && context.name.length >= 4 && lower.includes(context.name.toLowerCase())) return 'must not contain your name';
  return null;
}
