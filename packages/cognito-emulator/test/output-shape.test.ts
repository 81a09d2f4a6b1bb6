import { describe, expect, it } from 'vitest';
import { outputProblems } from './output-shape.js';

/** The checker behind the conformance suite's "answers the documented shape": it must be able to fail. */
describe('the output shape check', () => {
  const user = {
    Username: 'jane',
    Attributes: [{ Name: 'sub', Value: 'abc' }],
    UserCreateDate: 1_700_000_000,
    UserLastModifiedDate: 1_700_000_000,
    Enabled: true,
    UserStatus: 'CONFIRMED',
  };

  it('passes an answer of the model’s shape', () => {
    expect(outputProblems('GetUser', { Username: 'jane', UserAttributes: [] })).toEqual([]);
    expect(outputProblems('AdminCreateUser', { User: user })).toEqual([]);
    expect(outputProblems('DeleteUserPool', {})).toEqual([]);
  });

  it('fails `{}` where the model requires members', () => {
    expect(outputProblems('GetUser', {})).toEqual([
      'GetUser.Username is required and missing',
      'GetUser.UserAttributes is required and missing',
    ]);
  });

  it('fails a member of the wrong JSON type, however deep', () => {
    expect(outputProblems('AdminCreateUser', { User: { ...user, Enabled: 'true' } })).toEqual([
      'AdminCreateUser.User.Enabled is not a boolean',
    ]);
    expect(outputProblems('AdminCreateUser', { User: { ...user, UserCreateDate: '2026-01-01' } })).toEqual([
      'AdminCreateUser.User.UserCreateDate is not a number',
    ]);
    expect(
      outputProblems('AdminCreateUser', { User: { ...user, Attributes: [{ Name: 'sub', Value: 1 }] } }),
    ).toEqual(['AdminCreateUser.User.Attributes[0].Value is not a string']);
  });

  it('fails members the model does not have, and an answer where there is none', () => {
    expect(outputProblems('GetUser', { Username: 'jane', UserAttributes: [], Password: 'x' })).toEqual([
      'GetUser.Password is not a member of GetUserResponse',
    ]);
    expect(outputProblems('DeleteUserPool', { Deleted: true })).toHaveLength(1);
  });
});
