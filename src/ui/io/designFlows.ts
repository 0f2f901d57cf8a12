import {
  appendDocuments,
  isShareFragment,
  SHARE_LINK_WARNING_LENGTH,
  type ImportCheck,
  type SharedDesign,
} from '../../engine';
import { contentOf, fileStem, type DesignContent } from './designContent';
import type { DesignIo } from './designIo';
import type { Example } from './examples';
import { copyText, downloadBlob, yamlBlob } from './exportFiles';
import type { ImageFormat } from './exportImage';
import { runImportChecks } from './importChecks';
import type { ImportInput } from './importProtocol';

// The flows behind the toolbar's buttons, loaded on first use so that they cost the first paint
// nothing: a file, an example, a link or an export is always a deliberate step.

/** Text at least this long is put into the editor behind a "loading" message painted first. */
const LARGE_TEXT = 1024 * 1024;

const numberFormat = new Intl.NumberFormat();

function plural(count: number, one: string, many = `${one}s`): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

function kilobytes(length: number): string {
  return `${(length / 1024).toFixed(length < 10 * 1024 ? 1 : 0)} KB`;
}

/** Two frames: what is set before this is painted before the caller goes on. */
function painted(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}

/**
 * Brings designs in and out: import (files, drops, pastes), examples, the Designs operations,
 * exports (YAML, zip, PNG, SVG) and share links. Every way in asks before it would lose the user's
 * work, and leaves the work as it was when the input is bad.
 */
export class DesignFlows {
  private readonly io: DesignIo;

  constructor(io: DesignIo) {
    this.io = io;
  }

  private get store() {
    return this.io.store;
  }

  private get session() {
    return this.io.session;
  }

  private get ui() {
    return this.io.ui;
  }

  private notify(tone: 'info' | 'success' | 'warning' | 'error', message: string): void {
    this.store.getState().notify(tone, message);
  }

  /**
   * Resolves once the store has derived the text it holds. A large text is read by the derive
   * worker after it is put in the editor, and a design is not "opened" while the page still says
   * it is reading it.
   */
  private derived(): Promise<void> {
    const { store } = this;
    const caughtUp = () => {
      const { derived, version } = store.getState();
      return derived.version >= version;
    };
    if (caughtUp()) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = store.subscribe(() => {
        if (!caughtUp()) return;
        unsubscribe();
        resolve();
      });
    });
  }

  // ---- Replacing the design -------------------------------------------------------------------

  /**
   * Asks before the open untitled design with changes is replaced. True when it may be replaced
   * (kept as a named copy, or discarded); false when the user cancelled.
   */
  async confirmReplace(what: string): Promise<boolean> {
    if (!this.session.isDirty()) return true;
    const { current } = this.session.state.getState();
    const answer = await this.ui.ask({
      title: 'Keep your changes?',
      message: `“${current.name}” has changes that are not saved under a name. ${what} replaces it.`,
      actions: [
        { id: 'keep', label: 'Keep a copy and continue', tone: 'primary' },
        { id: 'discard', label: 'Discard changes', tone: 'danger' },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
      role: 'alertdialog',
    });
    if (answer.action === 'cancel') return false;
    if (answer.action === 'keep') {
      await this.session.keepCopy();
      this.notify(
        'info',
        `Your changes are kept as “${this.session.state.getState().current.name}” under Designs.`,
      );
    }
    return true;
  }

  /**
   * Another tab saved the design open here: autosave holds, and the user chooses which version
   * to keep. Nothing is lost either way: this tab's version can be kept as a copy under Designs.
   */
  async resolveChangedElsewhere(): Promise<void> {
    const { current } = this.session.state.getState();
    const answer = await this.ui.ask({
      title: 'This design changed in another tab',
      message: `“${current.name}” was saved in another tab of Sailplan while it was open here. Autosave has stopped in this tab, so that neither tab overwrites the other.`,
      actions: [
        { id: 'theirs', label: 'Load the other tab’s version', tone: 'primary' },
        { id: 'mine', label: 'Keep mine as a copy' },
      ],
      // Closing the dialog loses nothing: this tab's version is kept beside the other.
      cancelId: 'mine',
      role: 'alertdialog',
    });
    if (!this.session.state.getState().changedElsewhere) return;
    if (answer.action === 'theirs') {
      const result = await this.session.takeOtherTab();
      if (result.ok) this.notify('info', 'Loaded the version saved in the other tab.');
      else {
        await this.ui.tell(
          'The other tab’s version could not be opened',
          `${result.reason}. This tab’s version is kept as a copy instead.`,
        );
        await this.session.keepMineAsCopy();
      }
      return;
    }
    await this.session.keepMineAsCopy();
    this.notify(
      'info',
      `This tab’s version is kept as “${this.session.state.getState().current.name}” under Designs.`,
    );
  }

  /** Opens content as a new untitled design (after asking, when needed). */
  private async openContent(content: DesignContent, name: string, what: string): Promise<boolean> {
    if (!(await this.confirmReplace(what))) return false;
    await this.withLargeText(content.text, () => this.session.open(content, name));
    return true;
  }

  /** Runs `work` behind a painted "loading" message when the text is large. */
  private async withLargeText(text: string, work: () => Promise<void> | void): Promise<void> {
    if (text.length < LARGE_TEXT) {
      await work();
      return;
    }
    this.ui.showProgress({
      title: 'Loading the design',
      detail: `Putting ${kilobytes(text.length)} into the editor and drawing it…`,
      fraction: undefined,
    });
    await painted();
    try {
      await work();
    } finally {
      this.ui.showProgress(null);
    }
  }

  async newDesign(): Promise<void> {
    const state = this.store.getState();
    await this.openContent(
      { text: '', positions: {}, tests: '', request: { ...state.request, url: '' }, silenced: [] },
      'Untitled design',
      'A new design',
    );
  }

  async openExample(example: Example): Promise<void> {
    let content: DesignContent;
    try {
      content = await example.load();
    } catch (error) {
      await this.ui.tell(
        'The example could not be opened',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    if (await this.openContent(content, example.title, `Opening the example “${example.title}”`)) {
      this.notify('success', `Opened the example “${example.title}”.`);
    }
  }

  // ---- Import ---------------------------------------------------------------------------------

  /** Reads files (chosen, dropped or pasted) and asks whether they replace the design or join it. */
  async importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    await this.importInputs(files.map((file) => ({ kind: 'file', file })));
  }

  /** Imports pasted text. */
  async importText(text: string, name = 'Pasted text'): Promise<void> {
    if (text.trim() === '') return;
    await this.importInputs([{ kind: 'text', name, text }]);
  }

  private async importInputs(inputs: readonly ImportInput[]): Promise<void> {
    const names = inputs.map((input) => (input.kind === 'file' ? input.file.name : input.name));
    const title =
      inputs.length === 1 ? `Opening ${names[0]}` : `Opening ${plural(inputs.length, 'file')}`;
    let checks: readonly ImportCheck[] | 'cancelled';
    try {
      const running = runImportChecks(inputs, (report) => {
        this.ui.showProgress({ title, detail: report.detail, fraction: report.fraction, cancel });
      });
      const cancel = () => running.cancel();
      this.ui.showProgress({ title, detail: 'Starting…', fraction: 0, cancel });
      checks = await running.result;
    } catch (error) {
      this.ui.showProgress(null);
      await this.ui.tell(
        `${names.join(', ')} could not be opened`,
        `${error instanceof Error ? error.message : String(error)} Your design was not changed.`,
      );
      return;
    }
    this.ui.showProgress(null);
    if (checks === 'cancelled') return;

    const refused = checks.filter((check) => !check.ok);
    if (refused.length > 0) {
      await this.ui.tell(
        refused.length === 1
          ? `${refused[0]?.name} could not be opened`
          : 'Some files could not be opened',
        'Nothing was changed: your design is as it was.',
        refused.map((check) => (check.ok ? '' : check.message)).join('\n\n'),
      );
      return;
    }
    const accepted = checks.flatMap((check) => (check.ok ? [check] : []));
    const resources = accepted.reduce((sum, check) => sum + check.resources, 0);
    const documents = accepted.reduce((sum, check) => sum + check.documents, 0);
    const problems = accepted.reduce((sum, check) => sum + check.problems, 0);
    const what = `${names.join(', ')}: ${plural(resources, 'resource')} in ${plural(documents, 'document')}${
      accepted.some((check) => check.fromJson) ? ' (JSON, read as YAML)' : ''
    }`;

    const state = this.store.getState();
    const empty =
      state.text.trim() === '' ||
      (state.derived.design.model.resources.length === 0 &&
        state.derived.design.model.unmodelled.length === 0 &&
        state.derived.syntaxErrors === 0 &&
        !/^[ \t]*[^#\s]/m.test(state.text));
    let mode: 'replace' | 'add' = 'replace';
    if (!empty) {
      const answer = await this.ui.ask({
        title: inputs.length === 1 ? `Open ${names[0]}` : `Open ${plural(inputs.length, 'file')}`,
        message: `${what}. Replace the current design with it, or add it to the design as new documents?`,
        actions: [
          { id: 'replace', label: 'Replace the design', tone: 'primary' },
          { id: 'add', label: 'Add to the design' },
          { id: 'cancel', label: 'Cancel' },
        ],
        cancelId: 'cancel',
      });
      if (answer.action === 'cancel') return;
      mode = answer.action === 'add' ? 'add' : 'replace';
    }
    const texts = accepted.map((check) => check.text);
    const next = mode === 'add' ? appendDocuments(state.text, texts) : appendDocuments('', texts);
    // One undoable step: Ctrl+Z gives the previous design back.
    await this.withLargeText(next, () => {
      const store = this.store.getState();
      if (mode === 'replace') {
        // Another design: the previous one's trace and selection would point at nothing in it.
        store.clearSimulation();
        store.select(null);
      }
      store.replaceText(next);
      if (mode === 'replace') store.requestLayout();
    });
    await this.derived();
    this.notify(
      'success',
      `${mode === 'add' ? 'Added' : 'Opened'} ${what}.${
        problems > 0 ? ` ${plural(problems, 'problem')}: see the Problems panel.` : ''
      }`,
    );
  }

  // ---- Designs --------------------------------------------------------------------------------

  async saveAs(): Promise<void> {
    const { current } = this.session.state.getState();
    const answer = await this.ui.ask({
      title: 'Save the design as',
      message:
        'Designs are kept in this browser only. Export or share a design to take it elsewhere.',
      field: {
        label: 'Name',
        value: current.named
          ? `${current.name} copy`
          : current.name === 'Untitled design'
            ? ''
            : current.name,
        validate: (value) => {
          const check = this.session.checkName(value);
          return check.ok ? undefined : check.reason;
        },
      },
      actions: [
        { id: 'save', label: 'Save', tone: 'primary' },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (answer.action !== 'save') return;
    const result = await this.session.saveAs(answer.value);
    if (result.ok) this.notify('success', `Saved as “${answer.value.trim()}”.`);
    else this.notify('error', result.reason);
  }

  async rename(): Promise<void> {
    const { current } = this.session.state.getState();
    if (!current.named) return;
    const answer = await this.ui.ask({
      title: 'Rename the design',
      message: `A new name for “${current.name}”.`,
      field: {
        label: 'Name',
        value: current.name,
        validate: (value) => {
          const check = this.session.checkName(value, current.id);
          return check.ok ? undefined : check.reason;
        },
      },
      actions: [
        { id: 'rename', label: 'Rename', tone: 'primary' },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
    });
    if (answer.action !== 'rename') return;
    const result = await this.session.rename(answer.value);
    if (!result.ok) this.notify('error', result.reason);
  }

  async deleteCurrent(): Promise<void> {
    const { current } = this.session.state.getState();
    if (!current.named) return;
    const answer = await this.ui.ask({
      title: `Delete “${current.name}”?`,
      message:
        'The saved design is removed from this browser. Its content stays open as an untitled design until you open another.',
      actions: [
        { id: 'delete', label: 'Delete', tone: 'danger' },
        { id: 'cancel', label: 'Cancel' },
      ],
      cancelId: 'cancel',
      role: 'alertdialog',
    });
    if (answer.action !== 'delete') return;
    const result = await this.session.deleteCurrent();
    if (result.ok) this.notify('info', `Deleted “${current.name}”.`);
    else this.notify('error', result.reason);
  }

  async openSaved(id: string): Promise<void> {
    const { current, designs } = this.session.state.getState();
    if (id === current.id) return;
    const name = designs.find((design) => design.id === id)?.name ?? 'the design';
    if (!(await this.confirmReplace(`Opening “${name}”`))) return;
    const result = await this.session.openSaved(id);
    if (!result.ok) {
      await this.ui.tell(
        `“${name}” could not be opened`,
        `${result.reason} Your current design was not changed.`,
      );
    }
  }

  // ---- Export ---------------------------------------------------------------------------------

  private fileStem(): string {
    return fileStem(this.session.state.getState().current.name);
  }

  downloadYaml(): void {
    downloadBlob(yamlBlob(this.store.getState().text), `${this.fileStem()}.yaml`);
  }

  async copyYaml(): Promise<void> {
    const copied = await copyText(this.store.getState().text);
    if (copied) this.notify('success', 'The YAML is on the clipboard.');
    else this.notify('error', 'The browser did not allow copying: use Download YAML instead.');
  }

  async downloadZip(): Promise<void> {
    const state = this.store.getState();
    const file = state.derived.design.files[0];
    if (file === undefined) return;
    const { zipBlob } = await import('./exportZip');
    const { blob, files } = zipBlob(file);
    if (files === 0) {
      this.notify('warning', 'The design has no resources to put in a zip.');
      return;
    }
    downloadBlob(blob, `${this.fileStem()}.zip`);
    if (state.derived.syntaxErrors > 0) {
      this.notify(
        'warning',
        'The YAML has errors: documents that could not be read are in the zip as document-N.yaml.',
      );
    }
  }

  async downloadImage(format: ImageFormat): Promise<void> {
    const flow = document.querySelector<HTMLElement>('.react-flow');
    if (flow === null) {
      this.notify('error', 'The canvas is not shown.');
      return;
    }
    this.ui.showProgress({
      title: `Exporting ${format.toUpperCase()}`,
      detail: 'Drawing the whole diagram…',
      fraction: undefined,
    });
    try {
      await painted();
      const { renderDiagram } = await import('./exportImage');
      const image = await renderDiagram(
        format,
        flow,
        this.store.getState().lastGood.topology.nodes.length,
      );
      downloadBlob(image.blob, `${this.fileStem()}.${format}`);
    } catch (error) {
      this.notify(
        'error',
        `The ${format.toUpperCase()} could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.ui.showProgress(null);
    }
  }

  // ---- Share links ----------------------------------------------------------------------------

  /** The link that reopens the design: this page's address with the design in its fragment. */
  async shareLink(): Promise<string> {
    const { encodeShareFragment } = await import('./shareCodec');
    const content = contentOf(this.store.getState());
    const base = `${location.origin}${location.pathname}${location.search}`;
    return `${base}#${encodeShareFragment(content)}`;
  }

  async share(): Promise<void> {
    const link = await this.shareLink();
    if (link.length > SHARE_LINK_WARNING_LENGTH) {
      const answer = await this.ui.ask({
        title: 'This link is long',
        message: `The link is ${kilobytes(link.length)}. Links over ${kilobytes(SHARE_LINK_WARNING_LENGTH)} are often cut by chat tools, tickets and some browsers. A file travels better.`,
        actions: [
          { id: 'file', label: 'Download the YAML instead', tone: 'primary' },
          { id: 'copy', label: 'Copy the link anyway' },
          { id: 'cancel', label: 'Cancel' },
        ],
        cancelId: 'cancel',
      });
      if (answer.action === 'file') {
        this.downloadYaml();
        return;
      }
      if (answer.action !== 'copy') return;
    }
    if (await copyText(link)) {
      this.notify(
        'success',
        `Share link copied (${kilobytes(link.length)}). It holds the whole design; nothing was sent to a server.`,
      );
      return;
    }
    await this.ui.ask({
      title: 'Copy the share link',
      message: 'The browser did not allow copying. Select the link and copy it yourself.',
      field: { label: 'Share link', value: link, readOnly: true },
      actions: [{ id: 'close', label: 'Close', tone: 'primary' }],
      cancelId: 'close',
    });
  }

  /**
   * Opens the design of a share fragment, asking first when it would replace unsaved work. A bad
   * link is reported and changes nothing. True when a share fragment was handled.
   */
  async openShareFragment(fragment: string): Promise<boolean> {
    if (!isShareFragment(fragment)) return false;
    const { decodeShareFragment } = await import('./shareCodec');
    const decoded = decodeShareFragment(fragment);
    if (!decoded.ok) {
      await this.ui.tell(
        'This share link could not be opened',
        `${decoded.message} Your design was not changed.`,
      );
      return true;
    }
    await this.openShared(decoded.design);
    return true;
  }

  /** Opens a decoded shared design (asking first when it would replace unsaved work). */
  async openShared(design: SharedDesign): Promise<void> {
    if (await this.openContent(design, 'Shared design', 'Opening the shared design')) {
      this.notify('success', 'Opened the shared design.');
    }
  }
}
