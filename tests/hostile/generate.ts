// The hostile cases too large or too regular to commit (5 MB pastes, 20,000 levels of nesting, alias
// bombs, share links made from the current format), made at test time from a name in
// manifest.json. The Vitest suite, the CLI runs and the Chromium spec all take them from here.
import { deflateSync, strToU8 } from 'fflate';
import {
  encodeShareFragment,
  SHARE_FORMAT_VERSION,
  SHARE_FRAGMENT_PREFIX,
  toBase64Url,
} from '../../src/engine';
import { generateMesh } from '../../src/engine/testing/generateMesh';

/** The head of a Service whose `spec` holds what a case puts there. */
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n';

/** A small deterministic generator (mulberry32): the same bytes on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Billion laughs: `levels` anchors, each a list of `fanOut` aliases of the one before. */
function aliasBomb(levels: number, fanOut: number): string {
  const lines = [`${SERVICE}  laughs:`, `  - &l0 [${Array(fanOut).fill('"lol"').join(', ')}]`];
  for (let level = 1; level <= levels; level += 1) {
    lines.push(`  - &l${level} [${Array(fanOut).fill(`*l${level - 1}`).join(', ')}]`);
  }
  lines.push(`  ports: [{port: 80}]`, '');
  return lines.join('\n');
}

function deepBlock(levels: number): string {
  const lines = [SERVICE.trimEnd(), '  ports:'];
  for (let level = 0; level < levels; level += 1) lines.push(`${'  '.repeat(level + 2)}k${level}:`);
  lines.push(`${'  '.repeat(levels + 2)}port: 80`, '');
  return lines.join('\n');
}

/** A realistic design of at least `bytes` characters, its last document left broken. */
function largePaste(bytes: number): string {
  let resources = 4000;
  let text = generateMesh({ resources, seed: 5 }).text;
  while (text.length < bytes) {
    resources = Math.ceil(resources * 1.1);
    text = generateMesh({ resources, seed: 5 }).text;
  }
  return `${text}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: "never closed\n`;
}

/** A share fragment carrying any JSON value, as a tamperer would make one. */
function fragmentOf(value: unknown): string {
  return `#${SHARE_FRAGMENT_PREFIX}${toBase64Url(deflateSync(strToU8(JSON.stringify(value))))}`;
}

/** A share fragment of a sound design. */
function soundFragment(text: string): string {
  return `#${encodeShareFragment({ text, positions: {}, tests: '', request: { url: '' } })}`;
}

const SMALL_DESIGN =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: shared\n  namespace: default\nspec:\n  ports:\n  - port: 80\n';

/**
 * Deflate output that inflates past the share limit: long runs of one byte compress about a
 * thousandfold, so some 12 KB of payload stand for 12 MB of text.
 */
function inflationBomb(): string {
  const json = `{"v":${SHARE_FORMAT_VERSION},"text":"${' '.repeat(12 * 1024 * 1024)}","positions":{},"tests":"","request":{"url":""}}`;
  return `#${SHARE_FRAGMENT_PREFIX}${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

const GENERATORS: Readonly<Record<string, () => string | Uint8Array>> = {
  'alias-bomb': () => aliasBomb(9, 10),
  // Not a bomb (20,000 nodes) but 20,000 aliases: resolving each by walking the document was
  // quadratic (90 s).
  'many-aliases': () =>
    `${SERVICE}  selector: &selector {app: web}\n  copies: [${Array(20_000).fill('*selector').join(', ')}]\n  ports: [{port: 80}]\n`,
  // The parser's duplicate-key check compared every key with every earlier one (18 s).
  'many-keys': () =>
    `${SERVICE}  selector:\n${Array.from({ length: 20_000 }, (_, index) => `    k${index}: v`).join('\n')}\n  ports: [{port: 80}]\n`,
  'deep-flow': () => `${SERVICE}  ports: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
  // An anchor right before the brackets fooled the first nesting guard.
  'deep-flow-after-anchor': () =>
    `${SERVICE}  ports: &ports${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
  'deep-block': () => deepBlock(1500),
  'deep-json': () =>
    `{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}\n`,
  'paste-5mb': () => largePaste(5 * 1024 * 1024),
  'huge-strings': () =>
    `${SERVICE}  ports: [{port: 80}]\n  sessionAffinity: "${'x'.repeat(2 * 1024 * 1024)}"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${'n'.repeat(1024 * 1024)}\n`,
  'binary-garbage': () => {
    const next = random(9);
    return Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(next() * 256));
  },
  'share-truncated': () => {
    const fragment = soundFragment(SMALL_DESIGN);
    return fragment.slice(0, Math.floor(fragment.length * 0.6));
  },
  'share-tampered': () => {
    // One character changed in the middle of the compressed data.
    const fragment = soundFragment(SMALL_DESIGN);
    const at = Math.floor(fragment.length / 2);
    return `${fragment.slice(0, at)}${fragment[at] === 'A' ? 'B' : 'A'}${fragment.slice(at + 1)}`;
  },
  'share-bad-characters': () => `${soundFragment(SMALL_DESIGN).slice(0, 20)}<script>`,
  'share-inflation-bomb': inflationBomb,
  'share-prototype-key': () =>
    fragmentOf(
      JSON.parse(
        `{"v":${SHARE_FORMAT_VERSION},"text":"a: 1\\n","positions":{"__proto__":[1,2]},"tests":"","request":{"url":""}}`,
      ),
    ),
  'share-newer-version': () =>
    fragmentOf({ v: SHARE_FORMAT_VERSION + 1, text: SMALL_DESIGN, future: true }),
  'share-not-json': () =>
    `#${SHARE_FRAGMENT_PREFIX}${toBase64Url(deflateSync(strToU8('<img src=x onerror=alert(1)>')))}`,
};

/** The content of a generated case, by its generator's name. */
export function generateCase(name: string): string | Uint8Array {
  const generator = GENERATORS[name];
  if (generator === undefined) throw new Error(`tests/hostile: no generator named ${name}`);
  return generator();
}

/** The names of every generator (each must be used by a case of the manifest). */
export const GENERATOR_NAMES: readonly string[] = Object.keys(GENERATORS);
