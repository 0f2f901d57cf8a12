import { loadDesign } from '../model/loadDesign';
import type { Design } from '../model/loadDesign';

/** A design from one YAML text (test helper), as the editor's buffer would give it. */
export function designOf(text: string, name = 'design.yaml'): Design {
  return loadDesign([{ name, text }]);
}

/** Joins YAML documents with `---` lines (test helper). */
export function documents(...texts: string[]): string {
  return texts.map((text) => text.trim()).join('\n---\n') + '\n';
}
