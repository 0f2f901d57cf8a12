import { describe, expect, it } from 'vitest';
import { parseFile } from '../../yaml/parseFile';
import { applyEdits } from '../applyEdits';
import { PlanRefusal } from '../refusal';
import { DocumentEditor } from './documentEditor';
import type { KeyOrder } from './documentEditor';
import { lineBreakOf } from '../../yaml/lines';
import { readStyleEvidence, styleFromEvidence } from './render';

/** Runs `change` on document `index` of `text` and returns the edited text. */
function edit(
  text: string,
  change: (editor: DocumentEditor) => void,
  index = 0,
  keyOrder?: KeyOrder,
): string {
  const file = parseFile({ name: 'design.yaml', text });
  const evidence = file.documents.map((document) =>
    readStyleEvidence(document.document, document.text),
  );
  const document = file.documents[index];
  if (!document) throw new Error(`no document ${index}`);
  const [own] = evidence.splice(index, 1);
  const style = styleFromEvidence(own ? [own, ...evidence] : evidence);
  const editor = new DocumentEditor(text, document, style, lineBreakOf(text), keyOrder);
  change(editor);
  return applyEdits(text, editor.edits());
}

const service = `# The proxy service
apiVersion: v1
kind: Service
metadata:
  name: proxy   # keep this comment
  labels: {app: proxy, "tier": 'web'}
spec:
  ports:
  # plain http
  - name: http
    port: 80

  # the admin port
  - name: admin
    port: 9000
  hosts: [ a, 'b' ]
`;

describe('DocumentEditor.set', () => {
  it('replaces exactly a changed scalar and keeps its trailing comment', () => {
    expect(edit(service, (editor) => editor.set(['metadata', 'name'], 'web'))).toBe(
      service.replace('name: proxy ', 'name: web '),
    );
  });

  it('keeps the quoting of a replaced scalar inside a flow map', () => {
    const after = edit(service, (editor) => editor.set(['metadata', 'labels', 'tier'], 'db'));
    expect(after).toContain(`labels: {app: proxy, "tier": 'db'}`);
  });

  it('quotes a new flow value that would otherwise split the collection', () => {
    const after = edit(service, (editor) => editor.set(['metadata', 'labels', 'note'], 'a, b'));
    expect(after).toContain(`labels: {app: proxy, "tier": 'web', note: 'a, b'}`);
  });

  it('adds a key after the last one of a block map, at its indentation', () => {
    const after = edit(service, (editor) => editor.set(['spec', 'ports', 1, 'targetPort'], 9001));
    expect(after).toContain('    port: 9000\n    targetPort: 9001\n  hosts:');
  });

  it('creates missing parents as one new entry', () => {
    const after = edit(service, (editor) => editor.set(['spec', 'selector', 'app'], 'proxy'));
    expect(after.endsWith(`  hosts: [ a, 'b' ]\n  selector:\n    app: proxy\n`)).toBe(true);
  });

  it('writes two fields under the same unwritten parent as one entry, the key once', () => {
    const after = edit(service, (editor) => {
      editor.set(['spec', 'selector', 'app'], 'proxy');
      editor.set(['spec', 'selector', 'tier'], 'web');
      editor.set(['spec', 'selector', 'app'], 'shop');
    });
    expect(after.endsWith(`  hosts: [ a, 'b' ]\n  selector:\n    app: shop\n    tier: web\n`)).toBe(
      true,
    );
    // The same in a flow map, and under an entry created two levels up.
    const flow = edit('spec: {ports: []}\n', (editor) => {
      editor.set(['spec', 'tls', 'mode'], 'SIMPLE');
      editor.set(['spec', 'tls', 'credentialName'], 'shop-cert');
    });
    expect(flow).toBe('spec: {ports: [], tls: {mode: SIMPLE, credentialName: shop-cert}}\n');
    const deeper = edit('kind: Gateway\n', (editor) => {
      editor.set(['spec', 'selector', 'istio'], 'ingressgateway');
      editor.set(['spec', 'servers'], []);
    });
    expect(deeper).toBe(
      'kind: Gateway\nspec:\n  selector:\n    istio: ingressgateway\n  servers: []\n',
    );
  });

  it('compares maps entry by entry and keeps the comments of unchanged entries', () => {
    const after = edit(service, (editor) =>
      editor.set(['spec', 'ports', 0], { name: 'http', port: 8080 }),
    );
    expect(after).toBe(service.replace('port: 80\n', 'port: 8080\n'));
  });

  it('keeps a flow map a flow map when it is rewritten', () => {
    const after = edit(service, (editor) =>
      editor.set(['metadata', 'labels'], { app: 'web', version: 'v1' }),
    );
    expect(after).toContain('labels: {app: web, version: v1}\n');
  });

  it('quotes strings that YAML 1.1 readers (kubectl) take for booleans, as the file quotes', () => {
    const after = edit(service, (editor) => editor.set(['metadata', 'labels', 'enabled'], 'yes'));
    expect(after).toContain(`enabled: 'yes'}`);
  });

  it('writes CRLF line breaks in a CRLF file', () => {
    const crlf = 'a:\r\n  b: 1\r\n';
    expect(edit(crlf, (editor) => editor.set(['a', 'c'], { d: 2 }))).toBe(
      'a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\n',
    );
  });

  it('adds a line break first when the file does not end with one', () => {
    expect(edit('a: 1', (editor) => editor.set(['b'], 2))).toBe('a: 1\nb: 2');
  });

  it('keeps an anchor when its value is replaced, and refuses to edit through an alias', () => {
    const text = 'base: &base\n  a: 1\ncopy: *base\n';
    expect(edit(text, (editor) => editor.set(['base'], 'flat'))).toBe(
      'base: &base flat\ncopy: *base\n',
    );
    expect(() => edit(text, (editor) => editor.set(['copy', 'a'], 2))).toThrow(PlanRefusal);
  });

  it('rewrites a block scalar as a block scalar at the right indentation', () => {
    const text = 'a:\n  body: |\n    hello\n  next: 1\n';
    expect(edit(text, (editor) => editor.set(['a', 'body'], 'bye\nnow\n'))).toBe(
      'a:\n  body: |\n    bye\n    now\n  next: 1\n',
    );
  });

  it('follows kubectl-style unindented lists when the document uses them', () => {
    const after = edit(service, (editor) => editor.set(['spec', 'externalIPs'], ['10.0.0.1']));
    expect(after).toContain('  externalIPs:\n  - 10.0.0.1\n');
  });
});

describe('DocumentEditor with merge keys', () => {
  const text =
    'base: &base\n  retries: {attempts: 3}\n  timeout: 5s\nroute:\n  <<: *base\n  name: web\n';

  it('overrides a merged map whole, carrying its other fields', () => {
    expect(edit(text, (editor) => editor.set(['route', 'retries', 'perTryTimeout'], '2s'))).toBe(
      `${text}  retries:\n    attempts: 3\n    perTryTimeout: 2s\n`,
    );
  });

  it('refuses to remove what only a merge provides', () => {
    expect(() => edit(text, (editor) => editor.remove(['route', 'timeout']))).toThrow(
      /merged anchor/,
    );
  });
});

describe('DocumentEditor.remove', () => {
  it('removes a list item with its leading comment and the blank line before it', () => {
    const after = edit(service, (editor) => editor.remove(['spec', 'ports', 1]));
    expect(after).toContain('    port: 80\n  hosts:');
    expect(after).not.toContain('admin');
  });

  it('removes a map entry that starts a list item and keeps the item', () => {
    const after = edit(service, (editor) => editor.remove(['spec', 'ports', 0, 'name']));
    expect(after).toContain('  # plain http\n  - port: 80\n');
  });

  it('removes a flow item with its separator', () => {
    expect(edit(service, (editor) => editor.remove(['spec', 'hosts', 0]))).toContain(
      `hosts: [ 'b' ]`,
    );
    expect(edit(service, (editor) => editor.remove(['spec', 'hosts', 1]))).toContain(
      'hosts: [ a ]',
    );
  });

  it('leaves an empty collection when the last entry goes', () => {
    const text = 'a:\n  b:\n  - x\n';
    expect(edit(text, (editor) => editor.remove(['a', 'b', 0]))).toBe('a:\n  b: []\n');
  });

  it('refuses to remove an anchor an alias still uses', () => {
    const text = 'a: &x 1\nb: *x\n';
    expect(() => edit(text, (editor) => editor.remove(['a']))).toThrow(/still used/);
  });
});

describe('DocumentEditor.insert and move', () => {
  it('inserts before an item above its leading comment', () => {
    const after = edit(service, (editor) =>
      editor.insert(['spec', 'ports'], 1, { name: 'grpc', port: 81 }),
    );
    expect(after).toContain('\n  - name: grpc\n    port: 81\n  # the admin port\n');
  });

  it('inserts into a flow list in flow style', () => {
    expect(edit(service, (editor) => editor.insert(['spec', 'hosts'], 0, '*'))).toContain(
      `hosts: [ '*', a, 'b' ]`,
    );
  });

  it('moves a block item with its comment, byte for byte', () => {
    const after = edit(service, (editor) => editor.move(['spec', 'ports'], 1, 0));
    expect(after).toContain(
      '  ports:\n  # the admin port\n  - name: admin\n    port: 9000\n  # plain http\n  - name: http\n    port: 80\n\n  hosts:',
    );
  });

  it('moves the last item of a file that ends without a line break', () => {
    const text = 'l:\n- a\n- b';
    expect(edit(text, (editor) => editor.move(['l'], 1, 0))).toBe('l:\n- b\n- a');
    expect(edit(text, (editor) => editor.move(['l'], 0, 1))).toBe('l:\n- b\n- a');
  });

  it('moves flow items', () => {
    expect(edit(service, (editor) => editor.move(['spec', 'hosts'], 0, 1))).toContain(
      `hosts: [ 'b', a ]`,
    );
  });
});

describe('DocumentEditor ordering', () => {
  it('puts a nested entry before a new parent key inserted at the same offset', () => {
    const text = 'spec:\n  hosts:\n  - a.example.com\n  http: []\n';
    const after = edit(
      text,
      (editor) => {
        editor.set(['spec', 'gateways'], ['edge']);
        editor.insert(['spec', 'hosts'], undefined, 'b.example.com');
      },
      0,
      (path) => (path.length === 1 ? ['hosts', 'gateways', 'http'] : undefined),
    );
    expect(after).toBe(
      'spec:\n  hosts:\n  - a.example.com\n  - b.example.com\n  gateways:\n  - edge\n  http: []\n',
    );
  });
});

describe('DocumentEditor key order', () => {
  const order: KeyOrder = (path) =>
    path.length === 0 ? ['apiVersion', 'kind', 'metadata', 'spec'] : undefined;

  it('puts a new first key under the comment that opens the document', () => {
    const text = '# The web service\nkind: Service\nspec: {}\n';
    expect(edit(text, (editor) => editor.set(['apiVersion'], 'v1'), 0, order)).toBe(
      '# The web service\napiVersion: v1\nkind: Service\nspec: {}\n',
    );
  });

  it('puts a key the order does not know last', () => {
    const text = 'kind: Service\nspec: {}\n';
    const after = edit(
      text,
      (editor) => {
        editor.set(['status'], 'new');
        editor.set(['metadata'], { name: 'web' });
      },
      0,
      order,
    );
    expect(after).toBe('kind: Service\nmetadata:\n  name: web\nspec: {}\nstatus: new\n');
  });

  it('never moves written keys: a new key follows the last one written before it in the order', () => {
    const text = 'spec: {}\nkind: Service\n';
    expect(edit(text, (editor) => editor.set(['metadata', 'name'], 'web'), 0, order)).toBe(
      'spec: {}\nkind: Service\nmetadata:\n  name: web\n',
    );
  });
});

describe('DocumentEditor with several documents', () => {
  it('edits one document and leaves the others byte-identical', () => {
    const text = `a: 1\n---\n# second\nb:\n  c: [1, 2]\n---\nd: 4\n`;
    const after = edit(text, (editor) => editor.insert(['b', 'c'], undefined, 3), 1);
    expect(after).toBe(`a: 1\n---\n# second\nb:\n  c: [1, 2, 3]\n---\nd: 4\n`);
  });
});
