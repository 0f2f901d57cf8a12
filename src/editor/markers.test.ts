import { describe, expect, it } from 'vitest';
import { deriveDocument } from '../store';
import { toMarkers, withoutRepeats, type SeverityByLevel } from './markers';

// Monaco's MarkerSeverity values (Info 2, Warning 4, Error 8).
const severity: SeverityByLevel = { error: 8, warning: 4, info: 2 };

describe('toMarkers', () => {
  it("marks the parser's error at its exact line and column, with its code", () => {
    // given a design whose second document has an unclosed flow sequence
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\nkind: [oops\n';
    const derived = deriveDocument('design.yaml', text, 1, undefined);
    // when its diagnostics become markers
    const markers = toMarkers(derived.diagnostics, 'design.yaml', severity);
    // then the syntax error is an error marker on the broken line, as the parser reports it
    const syntax = derived.diagnostics.filter((diagnostic) => diagnostic.level === 'error');
    expect(syntax.length).toBeGreaterThan(0);
    const first = syntax[0];
    expect(markers).toContainEqual({
      severity: 8,
      message: first?.message,
      code: first?.code,
      source: 'Sailplan',
      startLineNumber: first?.range?.line,
      startColumn: first?.range?.column,
      endLineNumber: first?.range?.endLine,
      endColumn: first?.range?.endColumn,
    });
    expect(markers.every((marker) => marker.startLineNumber >= 6)).toBe(true);
  });

  it('keeps the level of model diagnostics and leaves out other files and rangeless ones', () => {
    const markers = toMarkers(
      [
        {
          code: 'SP0001',
          level: 'warning',
          message: 'a warning',
          range: {
            file: 'design.yaml',
            start: 0,
            end: 4,
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 5,
          },
        },
        {
          code: 'SP0002',
          level: 'info',
          message: 'elsewhere',
          range: {
            file: 'other.yaml',
            start: 0,
            end: 4,
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 5,
          },
        },
        { code: 'SP0003', level: 'error', message: 'no text' },
      ],
      'design.yaml',
      severity,
    );
    expect(markers).toEqual([
      {
        severity: 4,
        message: 'a warning',
        code: 'SP0001',
        source: 'Sailplan',
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: 1,
        endColumn: 5,
      },
    ]);
  });
});

describe('withoutRepeats', () => {
  it("drops monaco-yaml's copy of a syntax error Sailplan marks on the same line", () => {
    const ours = [
      {
        startLineNumber: 64,
        message: 'Flow sequence in block collection must end with a ] (BAD_INDENT)',
      },
    ];
    const theirs = [
      { startLineNumber: 64, message: 'Flow sequence in block collection must end with a ]' },
      { startLineNumber: 64, message: 'Incorrect type. Expected "string".' },
      { startLineNumber: 12, message: 'Flow sequence in block collection must end with a ]' },
    ];
    expect(withoutRepeats(theirs, ours)).toEqual([theirs[1], theirs[2]]);
  });
});
