import type { Model, Resource, ResourceKey, YamlPath } from '../model/types';
import type { ParsedDocument, ParsedFile } from '../yaml/types';
import type { FileTextEdit, PlanEffect } from './intents';
import { refuse } from './refusal';
import { canonicalKeyOrder } from './fieldOrder';
import { DocumentEditor } from './text/documentEditor';
import type { KeyOrder } from './text/documentEditor';
import { lineBreakOf, withLineBreak } from '../yaml/lines';
import { readStyleEvidence, renderDocument, styleFromEvidence } from './text/render';
import type { StyleEvidence, YamlStyle } from './text/render';

/** What planners read: one version of the design's parsed files and the model built from them. */
export interface EditableDesign {
  readonly files: readonly ParsedFile[];
  readonly model: Model;
}

/** Edits one resource: paths are relative to the resource (inside a `kind: List` item too). */
export class ResourceEditor {
  /** The resource as the model sees it. */
  readonly resource: Resource;
  private readonly document: DocumentEditor;

  /** Binds to the document that holds `resource`. */
  constructor(resource: Resource, document: DocumentEditor) {
    this.resource = resource;
    this.document = document;
  }

  private at(path: YamlPath): YamlPath {
    return [...this.resource.origin.path, ...path];
  }

  /** The value at `path` as plain data, or undefined. */
  read(path: YamlPath): unknown {
    return this.document.read(this.at(path));
  }

  /** The list at `path`, or an empty list when it is absent or not a list. */
  readList(path: YamlPath): readonly unknown[] {
    const value = this.read(path);
    return Array.isArray(value) ? value : [];
  }

  /** See DocumentEditor.set. */
  set(path: YamlPath, value: unknown): void {
    this.document.set(this.at(path), value);
  }

  /** See DocumentEditor.remove. */
  remove(path: YamlPath): void {
    this.document.remove(this.at(path));
  }

  /** See DocumentEditor.insert. */
  insert(path: YamlPath, index: number | undefined, value: unknown): void {
    this.document.insert(this.at(path), index, value);
  }

  /** See DocumentEditor.removeItems. */
  removeItems(path: YamlPath, indices: readonly number[]): void {
    this.document.removeItems(this.at(path), indices);
  }

  /** See DocumentEditor.move. */
  move(path: YamlPath, from: number, to: number): void {
    this.document.move(this.at(path), from, to);
  }
}

interface FileState {
  readonly parsed: ParsedFile;
  readonly lineBreak: '\n' | '\r\n';
  readonly editors: Map<number, DocumentEditor>;
  readonly evidence: Map<number, StyleEvidence>;
  readonly extra: FileTextEdit[];
}

/**
 * One planning run: hands out editors for the documents an intent touches and collects their
 * edits into one batch. Effects record what changes beyond the intent's own target.
 */
export class EditSession {
  /** The design being planned against. */
  readonly design: EditableDesign;
  /** Changes beyond the intent's own target, for the UI's confirmation. */
  readonly effects: PlanEffect[] = [];
  private readonly files = new Map<string, FileState>();

  /** Starts a session on one version of the design. */
  constructor(design: EditableDesign) {
    this.design = design;
  }

  /** The resource with `key`, or a refusal naming it. */
  resource(key: ResourceKey): Resource {
    const resource = this.design.model.byKey.get(key);
    if (resource === undefined) refuse(`${key} is not in the design`);
    return resource;
  }

  /** An editor for `key`'s resource. */
  edit(key: ResourceKey | Resource): ResourceEditor {
    const resource = typeof key === 'string' ? this.resource(key) : key;
    const { file, documentIndex } = resource.origin;
    return new ResourceEditor(resource, this.documentEditor(file, documentIndex));
  }

  /** Records a change beyond the intent's own target. */
  note(resource: ResourceKey, description: string): void {
    if (
      !this.effects.some(
        (effect) => effect.resource === resource && effect.description === description,
      )
    ) {
      this.effects.push({ resource, description });
    }
  }

  private file(name: string): FileState {
    const known = this.files.get(name);
    if (known) return known;
    const parsed = this.design.files.find((file) => file.name === name);
    if (parsed === undefined) refuse(`The file ${name} is not part of the design`);
    const state: FileState = {
      parsed,
      lineBreak: lineBreakOf(parsed.text),
      editors: new Map(),
      evidence: new Map(),
      extra: [],
    };
    this.files.set(name, state);
    return state;
  }

  private parsedDocument(state: FileState, index: number): ParsedDocument {
    const document = state.parsed.documents[index];
    if (document === undefined) refuse(`${state.parsed.name} has no document ${index + 1}`);
    if (document.document.errors.length > 0) {
      refuse(`Document ${index + 1} of ${state.parsed.name} has syntax errors; fix them first`);
    }
    return document;
  }

  private evidenceOf(state: FileState, index: number): StyleEvidence {
    const known = state.evidence.get(index);
    if (known) return known;
    const document = state.parsed.documents[index];
    const evidence = document
      ? readStyleEvidence(document.document, document.text)
      : { singleQuotes: 0, doubleQuotes: 0, quotedKeys: 0, plainKeys: 0 };
    state.evidence.set(index, evidence);
    return evidence;
  }

  /**
   * The style new text in document `index` should have: its own, completed from the nearest other
   * documents of the file (only as many as needed, so a large file is not read whole).
   */
  style(fileName: string, index: number): YamlStyle {
    const state = this.file(fileName);
    const count = state.parsed.documents.length;
    const evidence: StyleEvidence[] = [this.evidenceOf(state, index)];
    const complete = () =>
      evidence.some((item) => item.indent !== undefined) &&
      evidence.some((item) => item.indentSequences !== undefined) &&
      evidence.some((item) => item.flowPadding !== undefined);
    for (let distance = 1; distance < count && !complete() && distance <= 2; distance += 1) {
      for (const other of [index - distance, index + distance]) {
        if (other >= 0 && other < count) evidence.push(this.evidenceOf(state, other));
      }
    }
    return styleFromEvidence(evidence);
  }

  /** The editor of one document (one per document and session, so edits gather in one place). */
  documentEditor(fileName: string, index: number): DocumentEditor {
    const state = this.file(fileName);
    const known = state.editors.get(index);
    if (known) return known;
    const editor = new DocumentEditor(
      state.parsed.text,
      this.parsedDocument(state, index),
      () => this.style(fileName, index),
      state.lineBreak,
      this.keyOrder(fileName, index),
    );
    state.editors.set(index, editor);
    return editor;
  }

  /**
   * The canonical key order of maps in one document: the order of the resource (a whole document,
   * or an item of a `kind: List`) holding the map. The resources are looked up on first use, as
   * most edits add no key.
   */
  private keyOrder(fileName: string, index: number): KeyOrder {
    let resources: readonly Resource[] | undefined;
    return (mapPath) => {
      resources ??= this.design.model.resources.filter(
        (resource) => resource.origin.file === fileName && resource.origin.documentIndex === index,
      );
      const resource = resources.find((candidate) =>
        candidate.origin.path.every((segment, depth) => mapPath[depth] === segment),
      );
      if (resource === undefined) return undefined;
      return canonicalKeyOrder(resource.kind, mapPath.slice(resource.origin.path.length));
    };
  }

  /** Appends `value` as a new document at the end of a file, after a `---` line. */
  appendDocument(fileName: string, value: unknown): void {
    const state = this.file(fileName);
    const text = state.parsed.text;
    const lastIndex = state.parsed.documents.length - 1;
    const rendered = renderDocument(value, this.style(fileName, Math.max(lastIndex, 0)));
    const hasContent = state.parsed.documents.some(
      (document) => document.document.contents !== null,
    );
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    const inserted = hasContent ? `${separator}---\n${rendered}` : separator + rendered;
    state.extra.push({
      file: fileName,
      start: text.length,
      end: text.length,
      text: withLineBreak(inserted, state.lineBreak),
    });
  }

  /**
   * Removes document `index` of a file: its text from its leading comments and `---` up to the
   * next document. The first document keeps no `---` of its own, so the next one starts the file
   * with its marker, which is still valid YAML.
   */
  removeDocument(fileName: string, index: number): void {
    const state = this.file(fileName);
    const documents = state.parsed.documents;
    const document = documents[index];
    if (document === undefined) throw new Error(`No document ${index} in ${fileName}`);
    const next = documents[index + 1];
    const start = document.offset;
    const end = next === undefined ? state.parsed.text.length : next.offset;
    if (start < end) state.extra.push({ file: fileName, start, end, text: '' });
  }

  /** Every edit of the session, as one batch. */
  edits(): FileTextEdit[] {
    const all: FileTextEdit[] = [];
    for (const [name, state] of this.files) {
      for (const editor of state.editors.values()) {
        for (const edit of editor.edits()) all.push({ file: name, ...edit });
      }
      all.push(...state.extra);
    }
    return all;
  }
}
