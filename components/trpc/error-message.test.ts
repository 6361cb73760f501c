import { describe, expect, it } from 'vitest';
import { errorMessage, issuesText } from './error-message';

describe('errorMessage', () => {
  it('prefers the validation issues, named with the form labels', () => {
    const error = Object.assign(new Error('[{"code":"too_small",…}]'), {
      data: {
        validation: {
          formErrors: [],
          fieldErrors: { password: ['at least 10 characters'], name: undefined },
        },
      },
    });
    expect(errorMessage(error, { password: 'Password' })).toBe('Password: at least 10 characters');
  });

  it('falls back to the message', () => {
    expect(errorMessage(new Error('wrong user name or password'))).toBe('wrong user name or password');
    expect(errorMessage(Object.assign(new Error('x'), { data: { validation: null } }))).toBe('x');
    expect(errorMessage(null)).toBe('');
  });

  it('lists form-level issues first', () => {
    expect(issuesText({ formErrors: ['bad'], fieldErrors: { a: ['one', 'two'] } })).toBe(
      'bad; a: one; a: two',
    );
  });
});
