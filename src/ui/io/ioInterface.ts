import { createStore, type StoreApi } from 'zustand/vanilla';

/** A button of a dialog. */
export interface DialogAction {
  readonly id: string;
  readonly label: string;
  readonly tone?: 'primary' | 'danger';
}

/** A text field in a dialog (a name to save under, a link to copy by hand). */
export interface DialogField {
  readonly label: string;
  readonly value: string;
  readonly readOnly?: boolean;
  /** Why the value cannot be accepted, or undefined when it can (checked before closing). */
  readonly validate?: (value: string) => string | undefined;
}

/** A question or a message for the user, shown as a modal dialog. */
export interface DialogRequest {
  readonly title: string;
  readonly message: string;
  /** Preformatted lines under the message (error listings with file and line). */
  readonly details?: string;
  readonly field?: DialogField;
  /** Buttons, in order; the one with tone `primary` takes Enter. */
  readonly actions: readonly DialogAction[];
  /** The action Escape (or closing the dialog) means. */
  readonly cancelId: string;
  /** `alertdialog` for errors and destructive questions. */
  readonly role?: 'dialog' | 'alertdialog';
}

/** The user's answer: the action chosen, and the field's value. */
export interface DialogAnswer {
  readonly action: string;
  readonly value: string;
}

/** A long task's progress, shown as a modal dialog. */
export interface ProgressState {
  readonly title: string;
  readonly detail: string;
  /** 0..1, or undefined when the length is not known. */
  readonly fraction: number | undefined;
  /** Stops the task; absent when it cannot be stopped. */
  readonly cancel?: () => void;
}

interface PendingDialog {
  /** Tells one question from the next, even when they read the same. */
  readonly serial: number;
  readonly request: DialogRequest;
  readonly resolve: (answer: DialogAnswer) => void;
}

/** The import/export interface's own state: the open dialog, progress, a file drag over the page. */
export interface IoInterfaceState {
  readonly dialog: PendingDialog | null;
  readonly progress: ProgressState | null;
  readonly dragging: boolean;
}

/** The interface state with its named actions. */
export class IoInterface {
  readonly state: StoreApi<IoInterfaceState> = createStore<IoInterfaceState>()(() => ({
    dialog: null,
    progress: null,
    dragging: false,
  }));
  private readonly queue: PendingDialog[] = [];
  private serial = 0;

  /** Shows a dialog and resolves with the user's answer; dialogs asked meanwhile wait their turn. */
  ask(request: DialogRequest): Promise<DialogAnswer> {
    return new Promise((resolve) => {
      this.serial += 1;
      const pending = { serial: this.serial, request, resolve };
      if (this.state.getState().dialog === null) this.state.setState({ dialog: pending });
      else this.queue.push(pending);
    });
  }

  /** Answers the open dialog (the dialog component calls this). */
  answer(answer: DialogAnswer): void {
    const open = this.state.getState().dialog;
    this.state.setState({ dialog: this.queue.shift() ?? null });
    open?.resolve(answer);
  }

  /** Shows a message with one OK button. */
  async tell(title: string, message: string, details?: string): Promise<void> {
    await this.ask({
      title,
      message,
      ...(details === undefined ? {} : { details }),
      actions: [{ id: 'ok', label: 'OK', tone: 'primary' }],
      cancelId: 'ok',
      role: 'alertdialog',
    });
  }

  showProgress(progress: ProgressState | null): void {
    this.state.setState({ progress });
  }

  setDragging(dragging: boolean): void {
    if (this.state.getState().dragging !== dragging) this.state.setState({ dragging });
  }
}
