import { describe, expect, it } from 'vitest';
import {
  validateHeaderOperationName,
  validateHeaderValue,
  validateMatchHeaderName,
  validateRequestHeaderSetName,
} from './headers';

describe('header names', () => {
  it.each(['x-user', 'X-User', ':authority', '@request.auth.claims.group', "x!#$%&'*+.^_`|~"])(
    'given %j, when used in a match, then it is accepted',
    (name) => {
      expect(validateMatchHeaderName(name)).toBeUndefined();
    },
  );

  it('given a name with a space, when used in a match, then it is not a valid header name', () => {
    expect(validateMatchHeaderName('bad header')).toBe(
      'header name bad header is not a valid header name',
    );
  });

  it('given request set/add names, when checked, then only :authority of the pseudo-headers passes', () => {
    expect(validateRequestHeaderSetName('host')).toBeUndefined();
    expect(validateRequestHeaderSetName(':authority')).toBeUndefined();
    expect(validateRequestHeaderSetName(':path')).toBe(
      'invalid header ":path": header cannot have ":" prefix',
    );
  });

  it('given remove and response names, when checked, then host and pseudo-headers are refused', () => {
    expect(validateHeaderOperationName('Host')).toBe(
      'invalid header "Host": cannot set Host header',
    );
    expect(validateHeaderOperationName(':status')).toBe(
      'invalid header ":status": header cannot have ":" prefix',
    );
  });
});

describe('header values', () => {
  it.each(['plain', '%HOSTNAME%', '100%%', 'a %REQ(x-id)% b', '%START_TIME(%s)%'])(
    'given %j, when checked, then it is well formed',
    (value) => {
      expect(validateHeaderValue(value)).toBeUndefined();
    },
  );

  it('given an unterminated operator, when checked, then it is rejected', () => {
    expect(validateHeaderValue('abc%123')).toBe(
      "header value configuration: invalid header configuration. Un-terminated variable expression 'abc%123'",
    );
  });

  it('given a control character, when checked, then it is rejected', () => {
    expect(validateHeaderValue('a\nb')).toBe('header value configuration a\nb is invalid');
  });
});
