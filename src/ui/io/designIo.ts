import { loadRe2, type SharedDesign } from '../../engine';
import type { SailplanStore } from '../../store';
import type { DesignFlows } from './designFlows';
import type { DesignSession } from './designSession';
import type { Example } from './examples';
import type { ImageFormat } from './exportImage';
import { IoInterface } from './ioInterface';

/**
 * The design's ways in and out, as the toolbar, the dialogs and the page's listeners reach them:
 * the store, the design session, the dialogs' state, and the flows (loaded on first use).
 */
export class DesignIo {
  readonly store: SailplanStore;
  readonly session: DesignSession;
  readonly ui = new IoInterface();
  private filePicker: (() => void) | undefined;
  private loadedFlows: Promise<DesignFlows> | undefined;
  /** Start-up work that waits for the shell; returns its cleanup (set by `startDesignIo`). */
  startup: () => () => void = () => () => undefined;

  constructor(store: SailplanStore, session: DesignSession) {
    this.store = store;
    this.session = session;
    // Another tab saved the design open here: the user chooses which version to keep.
    session.state.subscribe((state, previous) => {
      if (state.changedElsewhere && !previous.changedElsewhere) {
        void this.flows().then((flows) => flows.resolveChangedElsewhere());
      }
    });
  }

  /** Gives the function that opens the file picker; returns the detach function. */
  attachFilePicker(open: () => void): () => void {
    this.filePicker = open;
    return () => {
      if (this.filePicker === open) this.filePicker = undefined;
    };
  }

  /** Opens the browser's file picker (Open, Ctrl+O). */
  chooseFiles(): void {
    this.filePicker?.();
  }

  private flows(): Promise<DesignFlows> {
    // Every design text that comes in (a file, a paste, an example, a link) may hold a regex: RE2
    // is there before any of them reaches the store.
    this.loadedFlows ??= Promise.all([import('./designFlows'), loadRe2()]).then(
      ([{ DesignFlows }]) => new DesignFlows(this),
    );
    return this.loadedFlows;
  }

  async newDesign(): Promise<void> {
    await (await this.flows()).newDesign();
  }

  async openExample(example: Example): Promise<void> {
    await (await this.flows()).openExample(example);
  }

  /** Reads files (chosen, dropped or pasted) and asks whether they replace the design or join it. */
  async importFiles(files: readonly File[]): Promise<void> {
    await (await this.flows()).importFiles(files);
  }

  /** Imports pasted text. */
  async importText(text: string, name?: string): Promise<void> {
    await (await this.flows()).importText(text, name);
  }

  async saveAs(): Promise<void> {
    await (await this.flows()).saveAs();
  }

  async rename(): Promise<void> {
    await (await this.flows()).rename();
  }

  async deleteCurrent(): Promise<void> {
    await (await this.flows()).deleteCurrent();
  }

  async openSaved(id: string): Promise<void> {
    await (await this.flows()).openSaved(id);
  }

  async downloadYaml(): Promise<void> {
    (await this.flows()).downloadYaml();
  }

  async copyYaml(): Promise<void> {
    await (await this.flows()).copyYaml();
  }

  async downloadZip(): Promise<void> {
    await (await this.flows()).downloadZip();
  }

  async downloadImage(format: ImageFormat): Promise<void> {
    await (await this.flows()).downloadImage(format);
  }

  async share(): Promise<void> {
    await (await this.flows()).share();
  }

  /** Opens a decoded shared design (asking first when it would replace unsaved work). */
  async openShared(design: SharedDesign): Promise<void> {
    await (await this.flows()).openShared(design);
  }

  /** Opens a share fragment's design (asking first when it would replace unsaved work). */
  async openShareFragment(fragment: string): Promise<boolean> {
    return (await this.flows()).openShareFragment(fragment);
  }
}
