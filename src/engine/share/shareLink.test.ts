import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';
import {
  fromShareDocument,
  isShareFragment,
  MAX_SHARED_BYTES,
  SHARE_FORMAT_VERSION,
  type SharedDesign,
} from './shareDocument';
import { decodeShareFragment, encodeShareFragment, inflateBounded } from './shareLink';

const seed = readFileSync(new URL('../../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

const design: SharedDesign = {
  text: seed,
  positions: {
    'Gateway/istio-system/default-gateway': { x: 260.5, y: -12.25 },
    'Service/default/proxy': { x: 780, y: 0.1 + 0.2 },
    'VirtualService/default/proxy#http/0': { x: 520, y: 140 },
  },
  tests:
    'tests:\n- name: root goes to proxy\n  request:\n    url: http://shop.example.com/\n  expect:\n    virtualService: default/proxy\n',
  request: {
    method: 'GET',
    url: 'http://shop.example.com/cart?id=7',
    headers: { 'x-user': 'alice' },
    from: 'ingress',
  },
  silenced: ['IST0118:Service/default/proxy', 'SP1003'],
};

/** A link's payload for any JSON value, the way a tamperer would build one. */
function payloadOf(value: unknown): string {
  return `s=${toBase64Url(deflateSync(strToU8(JSON.stringify(value))))}`;
}

function decoded(fragment: string): SharedDesign {
  const result = decodeShareFragment(fragment);
  if (!result.ok) throw new Error(`expected a design, got: ${result.message}`);
  return result.design;
}

/**
 * A deflate-raw stream, written bit by bit, that expands to `bytes` zeros in one non-final block
 * with fixed Huffman codes, followed by a block of the reserved type 3, which no inflater accepts.
 */
function bombThenGarbage(bytes: number): Uint8Array {
  const out: number[] = [];
  let accumulator = 0;
  let count = 0;
  const bits = (value: number, length: number) => {
    for (let index = 0; index < length; index += 1) {
      accumulator |= ((value >>> index) & 1) << count;
      count += 1;
      if (count === 8) {
        out.push(accumulator);
        accumulator = 0;
        count = 0;
      }
    }
  };
  // Huffman codes are sent most significant bit first.
  const code = (value: number, length: number) => {
    let reversed = 0;
    for (let index = 0; index < length; index += 1)
      reversed |= ((value >>> index) & 1) << (length - 1 - index);
    bits(reversed, length);
  };
  bits(0, 1); // not the final block
  bits(1, 2); // fixed Huffman codes
  code(0x30, 8); // literal 0
  for (let written = 1; written + 258 <= bytes; written += 258) {
    code(0xc5, 8); // length 258 (code 285)
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  bits(1, 1); // final block...
  bits(3, 2); // ...of the reserved type 3: an error when reached
  if (count > 0) out.push(accumulator);
  return Uint8Array.from(out);
}

describe('share links', () => {
  it('given a design, when its link is decoded, then the text, positions, tests and request come back exactly', () => {
    // given a design with CRLF, a BOM, non-ASCII text and fractional positions
    const tricky: SharedDesign = {
      ...design,
      text: `\ufeff# Überschrift 🚢\r\n${seed.replace(/\n/g, '\r\n')}\t\n`,
      request: {
        url: 'https://shop.example.com/',
        headers: [
          ['x-a', '1'],
          ['x-a', '2'],
        ],
        from: { namespace: 'shop', labels: { app: 'web' } },
        port: 8443,
        entry: 'istio-system/istio-ingressgateway',
        draw: 0.25,
      },
    };
    // when it is encoded and decoded
    const fragment = encodeShareFragment(tricky);
    // then the fragment is `s=` and base64url, and the design is identical
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(decoded(fragment)).toEqual(tricky);
    expect(decoded(fragment).text).toBe(tricky.text);
    expect(decoded(`#${fragment}`)).toEqual(tricky);
    expect(decoded(encodeShareFragment(design))).toEqual(design);
  });

  it('given a design, then the link holds deflate-raw of a versioned JSON with positions as pairs', () => {
    const fragment = encodeShareFragment(design);
    const bytes = fromBase64Url(fragment.slice(2));
    expect(bytes).toBeDefined();
    const json: unknown = JSON.parse(strFromU8(inflateSync(bytes ?? new Uint8Array())));
    expect(json).toEqual({
      v: SHARE_FORMAT_VERSION,
      text: seed,
      positions: {
        'Gateway/istio-system/default-gateway': [260.5, -12.25],
        'Service/default/proxy': [780, 0.1 + 0.2],
        'VirtualService/default/proxy#http/0': [520, 140],
      },
      tests: design.tests,
      request: design.request,
      silenced: design.silenced,
    });
    // and the seed's link is short enough for any chat tool
    expect(fragment.length).toBeLessThan(2000);
  });

  it('given the same design twice with positions in another order, then the links are equal', () => {
    const reordered = {
      ...design,
      positions: Object.fromEntries(Object.entries(design.positions).reverse()),
    };
    expect(encodeShareFragment(reordered)).toBe(encodeShareFragment(design));
  });

  it('given fragments, then only `s=` ones are share links', () => {
    expect(isShareFragment('#s=abc')).toBe(true);
    expect(isShareFragment('s=abc')).toBe(true);
    expect(isShareFragment('#section')).toBe(false);
    expect(decodeShareFragment('#section')).toMatchObject({
      ok: false,
      problem: 'not-a-share-link',
    });
  });

  it('given a link cut short at any character, then it is reported as truncated', () => {
    const fragment = encodeShareFragment(design);
    for (let cut = 2; cut < fragment.length; cut += 1) {
      const result = decodeShareFragment(fragment.slice(0, cut));
      expect(result.ok === false && result.problem, `cut at ${cut}`).toBe('truncated');
    }
  });

  it('given a link with characters a link never has, then it is reported as damaged', () => {
    const fragment = encodeShareFragment(design);
    for (const foreign of ['%20', '+', '/', '=', '\u00e9', ' ']) {
      const result = decodeShareFragment(`${fragment.slice(0, 40)}${foreign}${fragment.slice(40)}`);
      expect(result.ok === false && result.problem, foreign).toBe('damaged');
    }
  });

  it('given links with one character changed anywhere, then none decodes to the wrong design silently or throws', () => {
    const fragment = encodeShareFragment(design);
    let refused = 0;
    for (let index = 2; index < fragment.length; index += 7) {
      const replacement = fragment[index] === 'A' ? 'B' : 'A';
      const tampered = fragment.slice(0, index) + replacement + fragment.slice(index + 1);
      const result = decodeShareFragment(tampered);
      if (!result.ok) {
        refused += 1;
        expect(['damaged', 'truncated', 'invalid', 'too-large']).toContain(result.problem);
        expect(result.message.length).toBeGreaterThan(10);
      } else {
        // A change that still inflates to a valid design is a valid design: it must pass validation.
        expect(typeof result.design.text).toBe('string');
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('given a link that would expand past 10 MB, then inflating stops at the limit, before the end of the data', () => {
    // given 12 MB of zeros followed by a block no inflater accepts
    const bomb = bombThenGarbage(12 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    // then a bounded inflate reports the size, so it stopped before it reached the garbage...
    expect(inflateBounded(bomb, MAX_SHARED_BYTES)).toMatchObject({
      ok: false,
      problem: 'too-large',
    });
    // ...which an unbounded one would have reached
    expect(inflateBounded(bomb, Number.POSITIVE_INFINITY)).toMatchObject({
      ok: false,
      problem: 'damaged',
    });
    // and the link made of it is refused as too large
    expect(decodeShareFragment(`s=${toBase64Url(bomb)}`)).toMatchObject({
      ok: false,
      problem: 'too-large',
    });
  });

  it('given a design just under the limit, then it inflates in full', () => {
    const text = 'x'.repeat(MAX_SHARED_BYTES - 2000);
    const result = decodeShareFragment(
      encodeShareFragment({ ...design, text, tests: '', positions: {} }),
    );
    expect(result.ok ? result.design.text.length : result.message).toBe(text.length);
  });

  it('given valid compressed JSON of the wrong shape, then every field is checked', () => {
    const valid = JSON.parse(
      JSON.stringify({ v: 1, text: 'a', positions: {}, tests: '', request: { url: '' } }),
    ) as Record<string, unknown>;
    expect(decodeShareFragment(payloadOf(valid))).toMatchObject({ ok: true });
    const cases: readonly [string, unknown][] = [
      ['not an object', [1, 2]],
      ['a string', 'text'],
      ['no version', { ...valid, v: undefined }],
      ['text as number', { ...valid, text: 7 }],
      ['tests as null', { ...valid, tests: null }],
      ['positions as list', { ...valid, positions: [] }],
      ['position as object', { ...valid, positions: { a: { x: 1, y: 2 } } }],
      ['position with three numbers', { ...valid, positions: { a: [1, 2, 3] } }],
      ['position with a string', { ...valid, positions: { a: ['1', 2] } }],
      ['position with an empty id', { ...valid, positions: { '': [1, 2] } }],
      ['an unknown key', { ...valid, extra: true }],
      ['request without url', { ...valid, request: { method: 'GET' } }],
      ['request with an unknown key', { ...valid, request: { url: '', body: 'x' } }],
      ['header value as number', { ...valid, request: { url: '', headers: { a: 1 } } }],
      ['header pair of three', { ...valid, request: { url: '', headers: [['a', 'b', 'c']] } }],
      ['port out of range', { ...valid, request: { url: '', port: 70000 } }],
      ['port as string', { ...valid, request: { url: '', port: '80' } }],
      ['from as other string', { ...valid, request: { url: '', from: 'mesh' } }],
      ['from without namespace', { ...valid, request: { url: '', from: { labels: {} } } }],
      [
        'label as number',
        { ...valid, request: { url: '', from: { namespace: 'a', labels: { app: 1 } } } },
      ],
      ['draw of 1', { ...valid, request: { url: '', draw: 1 } }],
    ];
    for (const [name, value] of cases) {
      const result = decodeShareFragment(payloadOf(value));
      expect(result.ok, name).toBe(false);
      expect(result.ok === false && result.problem, name).toBe('invalid');
    }
  });

  it('given JSON that is not JSON, then the link is damaged', () => {
    const fragment = `s=${toBase64Url(deflateSync(strToU8('{"v":1,"text":')))}`;
    expect(decodeShareFragment(fragment)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('given keys that reach prototypes anywhere, then the link is refused and nothing is polluted', () => {
    const raw = (json: string) => `s=${toBase64Url(deflateSync(strToU8(json)))}`;
    const base = '"v":1,"text":"a","tests":""';
    const hostile = [
      `{${base},"positions":{},"request":{"url":""},"__proto__":{"polluted":"yes"}}`,
      `{${base},"positions":{"__proto__":[1,2]},"request":{"url":""}}`,
      `{${base},"positions":{"constructor":[1,2]},"request":{"url":""}}`,
      `{${base},"positions":{},"request":{"url":"","headers":{"__proto__":"x"}}}`,
      `{${base},"positions":{},"request":{"url":"","from":{"namespace":"a","labels":{"prototype":"x"}}}}`,
      `{${base},"positions":{},"request":{"url":"","__proto__":{"url":"x"}}}`,
    ];
    for (const json of hostile) {
      const result = decodeShareFragment(raw(json));
      expect(result).toMatchObject({ ok: false, problem: 'invalid' });
      expect(result.ok === false && result.message).toMatch(/forbidden key/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given a newer format version, then the user is told to reload rather than shown a broken design', () => {
    const result = decodeShareFragment(payloadOf({ v: SHARE_FORMAT_VERSION + 1, anything: true }));
    expect(result).toMatchObject({ ok: false, problem: 'newer-version' });
  });

  it('given a format 1 link, then it opens with nothing silenced, and format 1 may not carry silenced', () => {
    const first = { v: 1, text: seed, positions: {}, tests: '', request: { url: '' } };
    expect(decoded(payloadOf(first))).toEqual({
      text: seed,
      positions: {},
      tests: '',
      request: { url: '' },
      silenced: [],
    });
    expect(decodeShareFragment(payloadOf({ ...first, silenced: ['IST0118'] }))).toMatchObject({
      ok: false,
      problem: 'invalid',
      message: expect.stringContaining('unknown key "silenced"'),
    });
  });

  it('given a design made without silenced findings, then its link opens with none', () => {
    const without = {
      text: design.text,
      positions: design.positions,
      tests: design.tests,
      request: design.request,
    };
    expect(decoded(encodeShareFragment(without))).toEqual({ ...design, silenced: [] });
  });

  it('given the silenced findings of a format 2 link, then each entry is checked', () => {
    const valid = {
      v: 2,
      text: 'a',
      positions: {},
      tests: '',
      request: { url: '' },
      silenced: ['IST0118:Service/default/proxy', 'SP1003', 'SP1003'],
    };
    // a repeated entry is kept once, in order
    expect(decoded(payloadOf(valid)).silenced).toEqual(['IST0118:Service/default/proxy', 'SP1003']);
    const cases: readonly [string, unknown][] = [
      ['no silenced', { ...valid, silenced: undefined }],
      ['silenced as object', { ...valid, silenced: { IST0118: true } }],
      ['entry as number', { ...valid, silenced: [118] }],
      ['entry without a code', { ...valid, silenced: [':Service/default/proxy'] }],
      ['entry as markup', { ...valid, silenced: ['<img src=x onerror=alert(1)>'] }],
      [
        'too many entries',
        { ...valid, silenced: Array.from({ length: 10_001 }, (_, i) => `SP${i}`) },
      ],
    ];
    for (const [name, value] of cases) {
      const result = decodeShareFragment(payloadOf(value));
      expect(result.ok, name).toBe(false);
      expect(result.ok === false && result.problem, name).toBe('invalid');
    }
  });

  it('given a decoded design, then its objects are fresh and plain', () => {
    const source = {
      v: 1,
      text: 'a',
      positions: { n: [1, 2] },
      tests: '',
      request: { url: 'http://a/', headers: { h: 'v' } },
    };
    const result = fromShareDocument(source);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.design.positions).not.toBe(source.positions);
    expect(result.design.request).not.toBe(source.request);
    expect(result.design.request.headers).not.toBe(source.request.headers);
    expect(Object.getPrototypeOf(result.design.positions)).toBe(Object.prototype);
  });
});
