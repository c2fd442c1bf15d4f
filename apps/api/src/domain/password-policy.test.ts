import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('the password policy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(passwordProblem('purple kettles sing at dawn')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
  });

  it('needs at least 12 characters', () => {
    expect(passwordProblem('Sh0rt!pass')).toBe('must be at least 12 characters');
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/most common/);
    expect(passwordProblem('QWERTY123456')).toMatch(/most common/);
    expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/most common/);
  });

  it('refuses one character repeated, and the person\'s own email or name', () => {
    expect(passwordProblem('zzzzzzzzzzzzzz')).toMatch(/repeated/);
    expect(passwordProblem('jane.smith-is-here', { email: 'Jane.Smith@police.example' })).toMatch(/email/);
    expect(passwordProblem('hello Priya Patel!', { name: 'Priya Patel' })).toMatch(/name/);
  });
});
