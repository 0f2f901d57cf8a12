import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

const error = (message: string): string => `Schema validation error: ${message}`;

function httpRules(name: string, rules: string, extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: default}
spec:
  hosts: ["shop.example.com"]${extra}
  http:
${rules}`;
}

describe('IST0106 http rule validation (routing-vectors V70-V72, V76, V77)', () => {
  it('given V70 (a) and (b), when analyzed, then zero total and negative weights are refused', () => {
    const zero = httpRules(
      'w-a',
      '  - route:\n    - destination: {host: web, subset: v1}\n    - destination: {host: web, subset: v2}',
    );
    const negative = httpRules(
      'w-b',
      '  - route:\n    - {destination: {host: web, subset: v1}, weight: -10}\n    - {destination: {host: web, subset: v2}, weight: 110}',
    );
    expect(messagesOf('IST0106', [zero])).toEqual([error('total destination weight = 0')]);
    expect(messagesOf('IST0106', [negative])).toEqual([error('weight -10 < 0')]);
  });

  it('given V70 (c): weights 30 and 40, when analyzed, then they are accepted (relative since Istio 1.15)', () => {
    const yaml = httpRules(
      'w-c',
      '  - route:\n    - {destination: {host: web, subset: v1}, weight: 30}\n    - {destination: {host: web, subset: v2}, weight: 40}',
    );
    expect(withCode('IST0106', [yaml])).toEqual([]);
  });

  it('given V71, when analyzed, then each rule gets the expected action error', () => {
    const yaml = httpRules(
      'actions',
      `  - name: a
    route: [{destination: {host: web}}]
    redirect: {uri: /x}
  - name: b
    match: [{uri: {prefix: /b}}]
  - name: c
    redirect: {uri: /x}
    rewrite: {uri: /y}
  - name: d
    directResponse: {status: 200}
    fault: {abort: {httpStatus: 500, percentage: {value: 1}}}
  - name: e
    route: [{destination: {host: web}}]
    mirror: {host: api}
    mirrors: [{destination: {host: api}}]`,
    );
    expect(
      withCode('IST0106', [yaml]).map((diagnostic) => [diagnostic.path?.[2], diagnostic.message]),
    ).toEqual([
      [0, error('HTTP route cannot contain both route and redirect')],
      [1, error('HTTP route, redirect or direct_response is required')],
      [2, error('HTTP route rule cannot contain both rewrite and redirect')],
      [3, error('HTTP route cannot contain both fault and direct_response')],
      [4, error('HTTP route cannot contain both mirror and mirrors')],
    ]);
  });

  it('given V72, when analyzed, then bad regex, empty header prefix, bad header name and port are refused and an empty uri prefix is not', () => {
    const yaml = httpRules(
      'matches',
      `  - match: [{uri: {regex: "("}}]
    route: [{destination: {host: web}}]
  - match: [{headers: {x-a: {prefix: ""}}}]
    route: [{destination: {host: web}}]
  - match: [{headers: {"bad header": {exact: v}}}]
    route: [{destination: {host: web}}]
  - match: [{port: 70000}]
    route: [{destination: {host: web}}]
  - match: [{uri: {prefix: ""}}]
    route: [{destination: {host: web}}]`,
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error(
        '"uri": error parsing regexp: missing closing ): `(`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
      ),
      error('"headers": prefix string match should not be empty'),
      error('header name bad header is not a valid header name'),
      error('port number 70000 must be in the range 1..65535'),
    ]);
  });

  it('given a lookahead that JavaScript accepts, when analyzed, then RE2 refuses it', () => {
    const yaml = httpRules(
      'lookahead',
      '  - match: [{uri: {regex: "/api(?=/v1)"}}]\n    route: [{destination: {host: web}}]',
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error(
        '"uri": error parsing regexp: invalid or unsupported Perl syntax: `(?=`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
      ),
    ]);
  });

  it('given V76, when analyzed, then each webhook message of the vector is reported and code 300 is accepted', () => {
    const yaml = httpRules(
      'misc',
      `  - {name: r1, match: [{uri: {prefix: /r1}}], redirect: {uri: /x, redirectCode: 250}}
  - {name: r2, match: [{uri: {prefix: /r2}}], redirect: {uri: /x, redirectCode: 300}}
  - {name: r3, match: [{uri: {prefix: /r3}}], redirect: {}}
  - {name: r4, match: [{uri: {prefix: /r4}}], redirect: {scheme: ftp}}
  - {name: d1, match: [{uri: {prefix: /d1}}], directResponse: {status: 100}}
  - {name: f1, match: [{uri: {prefix: /f1}}], fault: {}, route: [{destination: {host: web}}]}
  - {name: f2, match: [{uri: {prefix: /f2}}], fault: {abort: {httpStatus: 500, percentage: {value: 150}}}, route: [{destination: {host: web}}]}
  - {name: w1, match: [{uri: {prefix: /w1}}], rewrite: {}, route: [{destination: {host: web}}]}
  - {name: t1, match: [{uri: {prefix: /t1}}], timeout: 0s, route: [{destination: {host: web}}]}
  - {name: t2, match: [{uri: {prefix: /t2}}], retries: {attempts: 0, perTryTimeout: 1s}, route: [{destination: {host: web}}]}`,
      '\n  gateways: [istio-system/public]',
    );
    expect(
      withCode('IST0106', [yaml]).map((diagnostic) => [diagnostic.path?.[2], diagnostic.message]),
    ).toEqual([
      [0, error('250 is not a valid redirect code, must be 3xx')],
      [2, error('redirect must specify URI, authority, scheme, or port')],
      [3, error('invalid redirect scheme, must be "http" or "https"')],
      [4, error('HTTP status 100 is not in range 200-599')],
      [5, error('HTTP fault injection must have an abort and/or a delay')],
      [6, error('percentage 150 is neither 0.0, nor in range [0.0001, 100.0]')],
      [
        7,
        error(
          'rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified',
        ),
      ],
      [8, error('duration must be greater than 1ms')],
      [9, error('http retry policy configured when attempts are set to 0 (disabled)')],
    ]);
  });

  it('given V77 (b) and (c), when analyzed, then delegation is refused in a delegate and route in a root rule', () => {
    const delegate = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: dlg-b, namespace: shop}
spec:
  http: [{delegate: {name: other}}]`;
    const root = httpRules(
      'root-c',
      '  - name: both\n    delegate: {name: dlg-b, namespace: shop}\n    route: [{destination: {host: web}}]',
      '\n  gateways: [istio-system/public]',
    );
    expect(messagesOf('IST0106', [delegate]).sort()).toEqual([
      error('HTTP route, redirect or direct_response is required'),
      error('delegate HTTP route cannot contain delegate'),
    ]);
    expect(messagesOf('IST0106', [root])).toEqual([
      error('root HTTP route both must not specify route'),
    ]);
  });

  it('given header operations, CORS and an authority set twice, when analyzed, then each is refused', () => {
    const yaml = httpRules(
      'headers',
      `  - route: [{destination: {host: web}, headers: {response: {set: {host: x}}}}]
    headers:
      request:
        set: {":path": /x, x-id: "%REQ(x-id"}
    rewrite: {authority: a.example.com}
    corsPolicy: {allowOrigins: [{regex: "(?<=a)"}], allowMethods: [GET, FETCH], maxAge: 1500ms}`,
    );
    expect(messagesOf('IST0106', [yaml]).sort()).toEqual(
      [
        'invalid header ":path": header cannot have ":" prefix',
        "header value configuration: invalid header configuration. Un-terminated variable expression '%REQ(x-id'",
        '"corsPolicy.allowOrigins": error parsing regexp: invalid named capture: `(?<=a)`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
        '"FETCH" is not a supported HTTP method',
        'max_age duration is accurate only to seconds precision',
        'invalid header "host": cannot set Host header',
      ]
        .map(error)
        .sort(),
    );
    const authority = httpRules(
      'authority',
      '  - route: [{destination: {host: web}}]\n    rewrite: {authority: a.example.com}\n    headers: {request: {set: {host: b.example.com}}}',
    );
    expect(messagesOf('IST0106', [authority])).toEqual([
      error(
        'authority header cannot be set multiple times: have "a.example.com", attempting to set "b.example.com"',
      ),
    ]);
  });

  it('given a fully valid http rule, when analyzed, then nothing is reported', () => {
    const yaml = httpRules(
      'fine',
      `  - name: api
    match: [{uri: {prefix: /api/}, headers: {x-user: {exact: alice}}, withoutHeaders: {x-debug: {regex: "*"}}, queryParams: {v: {regex: "[0-9]+"}}}]
    rewrite: {uri: /}
    timeout: 1.5s
    retries: {attempts: 3, perTryTimeout: 500ms, retryOn: "5xx,connect-failure,503"}
    fault: {delay: {fixedDelay: 2s, percentage: {value: 0.5}}}
    mirror: {host: api}
    mirrorPercentage: {value: 10}
    corsPolicy: {allowOrigins: [{exact: "https://a.example.com"}], allowMethods: [GET, POST], maxAge: 24h}
    headers: {request: {set: {x-trace: "%REQ(x-request-id)%"}}, response: {remove: [server]}}
    route: [{destination: {host: web, port: {number: 80}}, weight: 90}, {destination: {host: api}, weight: 10}]
  - directResponse: {status: 503, body: {string: maintenance}}`,
    );
    expect(withCode('IST0106', [yaml])).toEqual([]);
    expect(withCode('IST0133', [yaml])).toEqual([]);
  });
});
