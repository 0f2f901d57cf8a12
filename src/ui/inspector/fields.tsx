import {
  createContext,
  useCallback,
  useContext,
  useId,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { ChevronRight } from 'lucide-react';
import type { Diagnostic } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

/** What a commit returns: why it was not made, or undefined when it was. */
export type CommitResult = string | undefined;

const NamePrefixContext = createContext('');

/**
 * Prefixes the accessible names of the controls inside (fields, icon buttons, add rows) with
 * `prefix` ("Port http ", "Server 2 "), visually hidden: the fields of a repeated group keep their
 * short labels on screen and are told apart by screen readers and tests ("Port http Name").
 * Prefixes nest.
 */
export function NamePrefix({
  prefix,
  children,
}: {
  readonly prefix: string;
  readonly children: ReactNode;
}) {
  const outer = useContext(NamePrefixContext);
  return <NamePrefixContext.Provider value={outer + prefix}>{children}</NamePrefixContext.Provider>;
}

/** The prefix of the accessible names here (see `NamePrefix`); '' outside any. */
export function useNamePrefix(): string {
  return useContext(NamePrefixContext);
}

/** A label with the names' prefix, visually hidden, before it. */
export function PrefixedLabel({ label }: { readonly label: ReactNode }) {
  const prefix = useNamePrefix();
  return (
    <>
      {/* The space outside the hidden text: a name is computed from trimmed parts. */}
      {prefix === '' ? null : <span className="visually-hidden">{prefix.trim()}</span>}
      {prefix === '' ? null : ' '}
      {label}
    </>
  );
}

/** The messages under a control: the last failed commit, then the analyzer's diagnostics. */
function FieldMessages({
  id,
  problem,
  diagnostics,
  help,
}: {
  readonly id: string;
  readonly problem: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly help: string | undefined;
}) {
  if (problem === undefined && diagnostics.length === 0 && help === undefined) return null;
  return (
    <div id={id} className="inspector-field-messages">
      {problem !== undefined ? (
        <p className="inspector-message inspector-message-error" role="alert">
          {problem}
        </p>
      ) : null}
      {diagnostics.map((diagnostic, index) => (
        <p key={index} className={`inspector-message inspector-message-${diagnostic.level}`}>
          <span className="inspector-message-code">{diagnostic.code}</span> {diagnostic.message}
        </p>
      ))}
      {help !== undefined ? <p className="inspector-help">{help}</p> : null}
    </div>
  );
}

interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly hideLabel?: boolean;
  readonly messages: ReactNode;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

/** A label and its control side by side, messages under the control. */
function FieldFrame({ id, label, hideLabel, messages, children, wide }: FieldFrameProps) {
  if (hideLabel) {
    return (
      <div className="inspector-field inspector-field-bare">
        <label htmlFor={id} className="visually-hidden">
          <PrefixedLabel label={label} />
        </label>
        {children}
        {messages}
      </div>
    );
  }
  return (
    <div className={wide ? 'inspector-field inspector-field-wide' : 'inspector-field'}>
      <label htmlFor={id} className="inspector-label">
        <PrefixedLabel label={label} />
      </label>
      <div className="inspector-control">
        {children}
        {messages}
      </div>
    </div>
  );
}

/** What every committing field takes. */
interface CommonFieldProps {
  /** The accessible name, shown as the label unless `hideLabel`. */
  readonly label: string;
  readonly hideLabel?: boolean;
  readonly help?: string;
  /** The analyzer's diagnostics about this field. */
  readonly diagnostics?: readonly Diagnostic[];
  readonly disabled?: boolean;
}

/**
 * What a control shows after a commit: the value it sent, until the design is derived again with
 * the edit, then the design's value. The store derives a gesture only once the editor has painted
 * it (a frame later), and without this the control would flash its old value meanwhile.
 */
function useSentValue<T>(value: T): readonly [shown: T, sent: (sent: T) => void] {
  const store = useSailplanStoreApi();
  const derivedVersion = useSailplan((state) => state.derived.version);
  const [pending, setPending] = useState<{ readonly value: T; readonly version: number } | null>(
    null,
  );
  const shown = pending !== null && derivedVersion < pending.version ? pending.value : value;
  const sent = useCallback(
    (next: T) => {
      const { version, derived } = store.getState();
      // A commit that changed nothing leaves the design derived: the design's value shows.
      setPending(derived.version < version ? { value: next, version } : null);
    },
    [store],
  );
  return [shown, sent] as const;
}

/**
 * The refusal of a choice (a select or a checkbox, which snap back to the design's value): shown
 * until the design changes, since it answered a choice made on the design as it was. Once another
 * edit makes the choice possible (a TLS mode chosen, then HTTPS), or the field is chosen again,
 * the message would only be stale.
 */
function useChoiceProblem(): readonly [
  problem: string | undefined,
  setProblem: (problem: string | undefined) => void,
] {
  const store = useSailplanStoreApi();
  const derivedVersion = useSailplan((state) => state.derived.version);
  const [refusal, setRefusal] = useState<{
    readonly message: string;
    readonly version: number;
  } | null>(null);
  const setProblem = useCallback(
    (message: string | undefined) => {
      setRefusal(
        message === undefined ? null : { message, version: store.getState().derived.version },
      );
    },
    [store],
  );
  const problem =
    refusal !== null && refusal.version === derivedVersion ? refusal.message : undefined;
  return [problem, setProblem] as const;
}

/** A text field's own props. */
export interface TextFieldProps extends CommonFieldProps {
  readonly value: string | undefined;
  /** Called on blur or Enter when the text changed; returns why the change was not made. */
  readonly onCommit: (text: string) => CommitResult;
  /** Checks the text before committing; returns the message to show. */
  readonly validate?: (text: string) => CommitResult;
  readonly placeholder?: string;
  readonly monospace?: boolean;
  /** The id of a `<datalist>` with suggestions. */
  readonly suggestions?: string;
  readonly inputMode?: 'numeric' | 'decimal' | 'text';
  readonly suffix?: ReactNode;
}

/**
 * A text field that commits on blur or Enter, never per keystroke: one commit is one intent and
 * one undo step. Escape puts back the committed value. A refused commit keeps the text and shows
 * why, so nothing typed is lost.
 */
export function TextField({
  label,
  hideLabel,
  help,
  diagnostics = [],
  disabled,
  value,
  onCommit,
  validate,
  placeholder,
  monospace,
  suggestions,
  inputMode,
  suffix,
}: TextFieldProps) {
  const id = useId();
  const messagesId = `${id}-messages`;
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [committed, sent] = useSentValue(value ?? '');

  const commit = () => {
    if (draft === null) return;
    if (draft === committed) {
      setDraft(null);
      setProblem(undefined);
      return;
    }
    const result = validate?.(draft) ?? onCommit(draft);
    if (result === undefined) {
      sent(draft);
      setDraft(null);
      setProblem(undefined);
    } else {
      setProblem(result);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && (draft !== null || problem !== undefined)) {
      // Escape here means "undo my typing", not "close the panel".
      event.stopPropagation();
      setDraft(null);
      setProblem(undefined);
    }
  };
  const invalid = problem !== undefined || diagnostics.some((d) => d.level === 'error');
  const hasMessages = problem !== undefined || diagnostics.length > 0 || help !== undefined;

  const input = (
    <input
      id={id}
      type="text"
      className={monospace ? 'inspector-input inspector-mono' : 'inspector-input'}
      value={draft ?? committed}
      placeholder={placeholder}
      disabled={disabled}
      list={suggestions}
      inputMode={inputMode}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={invalid || undefined}
      aria-describedby={hasMessages ? messagesId : undefined}
      onChange={(event: ChangeEvent<HTMLInputElement>) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
  return (
    <FieldFrame
      id={id}
      label={label}
      hideLabel={hideLabel}
      messages={
        <FieldMessages id={messagesId} problem={problem} diagnostics={diagnostics} help={help} />
      }
    >
      {suffix === undefined ? (
        input
      ) : (
        <div className="inspector-input-group">
          {input}
          <span className="inspector-input-suffix">{suffix}</span>
        </div>
      )}
    </FieldFrame>
  );
}

/** A number field's own props. */
export interface NumberFieldProps extends Omit<
  TextFieldProps,
  'value' | 'onCommit' | 'validate' | 'inputMode'
> {
  readonly value: number | undefined;
  /** `undefined` when the field was emptied (the caller removes the field). */
  readonly onCommit: (value: number | undefined) => CommitResult;
  readonly min?: number;
  readonly max?: number;
  /** Whole numbers only (ports, counts, status codes). */
  readonly integer?: boolean;
  /** The message for a number out of `min..max` (e.g. "A port is a number from 1 to 65535"). */
  readonly rangeMessage?: string;
  /** False when the field cannot be emptied. */
  readonly optional?: boolean;
  /** Istio's own check of a number that parses (its words), instead of `min..max`. */
  readonly check?: (value: number) => CommitResult;
}

/** Checks a typed number: whole when it must be, within `min..max`. */
export function numberProblem(
  text: string,
  {
    min,
    max,
    integer,
    rangeMessage,
    optional = true,
    check,
  }: Pick<NumberFieldProps, 'min' | 'max' | 'integer' | 'rangeMessage' | 'optional' | 'check'>,
): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? undefined : 'A value is needed';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return `${trimmed} is not a number`;
  if (integer && !Number.isInteger(value)) return `${trimmed} is not a whole number`;
  if (check !== undefined) return check(value);
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return rangeMessage ?? `Enter a number from ${min ?? '−∞'} to ${max ?? '∞'}`;
  }
  return undefined;
}

/** A numeric field: typed as text (so that a half-typed number is not committed), checked on commit. */
export function NumberField({
  value,
  onCommit,
  min,
  max,
  integer,
  rangeMessage,
  optional,
  check,
  ...rest
}: NumberFieldProps) {
  return (
    <TextField
      {...rest}
      value={value === undefined ? undefined : String(value)}
      inputMode={integer ? 'numeric' : 'decimal'}
      validate={(text) => numberProblem(text, { min, max, integer, rangeMessage, optional, check })}
      onCommit={(text) => onCommit(text.trim() === '' ? undefined : Number(text.trim()))}
    />
  );
}

/** One option of a select. */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/** A select field's own props. */
export interface SelectFieldProps extends CommonFieldProps {
  readonly value: string;
  readonly options: readonly SelectOption[];
  /** Commits at once (one intent per choice); returns why the change was not made. */
  readonly onChange: (value: string) => CommitResult;
  /** What the select shows when the value is empty ('') and no option has it: "Not set". */
  readonly placeholder?: string;
}

/**
 * The options a select shows for `value`: its own, and the value itself when none has it, so that
 * the select never shows another option than the one written: an empty value as `placeholder`, any
 * other as written, marked not valid.
 */
export function selectOptions(
  value: string,
  options: readonly SelectOption[],
  placeholder = 'Not set',
): { readonly options: readonly SelectOption[]; readonly unknown: boolean } {
  if (options.some((option) => option.value === value)) return { options, unknown: false };
  const extra =
    value === '' ? { value, label: placeholder } : { value, label: `${value} (not valid)` };
  return { options: [extra, ...options], unknown: value !== '' };
}

/** A native select: keyboard and screen readers work as everywhere else. */
export function SelectField({
  label,
  hideLabel,
  help,
  diagnostics = [],
  disabled,
  value,
  options,
  onChange,
  placeholder,
}: SelectFieldProps) {
  const id = useId();
  const messagesId = `${id}-messages`;
  const [problem, setProblem] = useChoiceProblem();
  const [shown, sent] = useSentValue(value);
  const change = (next: string) => {
    const result = onChange(next);
    if (result === undefined) sent(next);
    setProblem(result);
  };
  const hasMessages = problem !== undefined || diagnostics.length > 0 || help !== undefined;
  const shownOptions = selectOptions(shown, options, placeholder);
  const invalid =
    problem !== undefined ||
    shownOptions.unknown ||
    diagnostics.some((diagnostic) => diagnostic.level === 'error');
  return (
    <FieldFrame
      id={id}
      label={label}
      hideLabel={hideLabel}
      messages={
        <FieldMessages id={messagesId} problem={problem} diagnostics={diagnostics} help={help} />
      }
    >
      <select
        id={id}
        className="inspector-select"
        value={shown}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={hasMessages ? messagesId : undefined}
        onChange={(event) => {
          // The value as written, not valid, is not a choice: choosing it again changes nothing.
          if (shownOptions.unknown && event.target.value === shown) return;
          change(event.target.value);
        }}
      >
        {shownOptions.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox field's own props. */
export interface CheckboxFieldProps extends CommonFieldProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => CommitResult;
}

/** A checkbox with its label on the right, aligned with the other controls. */
export function CheckboxField({
  label,
  help,
  diagnostics = [],
  disabled,
  checked,
  onChange,
}: CheckboxFieldProps) {
  const id = useId();
  const messagesId = `${id}-messages`;
  const [problem, setProblem] = useChoiceProblem();
  const [shown, sent] = useSentValue(checked);
  const change = (next: boolean) => {
    const result = onChange(next);
    if (result === undefined) sent(next);
    setProblem(result);
  };
  const hasMessages = problem !== undefined || diagnostics.length > 0 || help !== undefined;
  return (
    <div className="inspector-field">
      <span className="inspector-label" aria-hidden="true" />
      <div className="inspector-control">
        <label className="inspector-checkbox">
          <input
            id={id}
            type="checkbox"
            checked={shown}
            disabled={disabled}
            aria-describedby={hasMessages ? messagesId : undefined}
            onChange={(event) => change(event.target.checked)}
          />
          <span>
            <PrefixedLabel label={label} />
          </span>
        </label>
        <FieldMessages id={messagesId} problem={problem} diagnostics={diagnostics} help={help} />
      </div>
    </div>
  );
}

/** A read-only value, aligned like a field. */
export function ValueRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="inspector-field">
      <span className="inspector-label">{label}</span>
      <div className="inspector-control inspector-value">{children}</div>
    </div>
  );
}

/** A small square button with an icon and an accessible name. */
export function IconButton({
  label,
  onClick,
  children,
  disabled,
  tone,
}: {
  readonly label: string;
  readonly onClick: () => void;
  readonly children: ReactNode;
  readonly disabled?: boolean;
  readonly tone?: 'danger';
}) {
  const prefix = useNamePrefix();
  return (
    <button
      type="button"
      className={tone === 'danger' ? 'inspector-icon-button is-danger' : 'inspector-icon-button'}
      aria-label={prefix + label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

// Which sections are open outlives the panel: selecting another node keeps the user's layout.
const openSections = new Map<string, boolean>();

/** A collapsible section of the inspector, like a Figma properties group. */
export function Section({
  title,
  children,
  actions,
  count,
  defaultOpen = true,
  stateKey,
}: {
  readonly title: string;
  readonly children: ReactNode;
  /** Buttons in the section's header (add, remove), outside the toggle. */
  readonly actions?: ReactNode;
  /** A number shown beside the title (rules, servers...). */
  readonly count?: number;
  readonly defaultOpen?: boolean;
  /** Sections with the same key share their open state; defaults to the title. */
  readonly stateKey?: string;
}) {
  const id = useId();
  const key = stateKey ?? title;
  const [open, setOpen] = useState(() => openSections.get(key) ?? defaultOpen);
  const toggle = () => {
    openSections.set(key, !open);
    setOpen(!open);
  };
  return (
    <div className="inspector-section" role="group" aria-labelledby={`${id}-heading`}>
      <div className="inspector-section-header">
        <h3 className="inspector-section-heading" id={`${id}-heading`}>
          <button
            type="button"
            className="inspector-section-toggle"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={toggle}
          >
            <ChevronRight
              size={14}
              aria-hidden="true"
              className={open ? 'inspector-chevron is-open' : 'inspector-chevron'}
            />
            <span>{title}</span>
            {count !== undefined ? <span className="inspector-count">{count}</span> : null}
          </button>
        </h3>
        {actions !== undefined ? <div className="inspector-section-actions">{actions}</div> : null}
      </div>
      {open ? (
        <div id={`${id}-body`} className="inspector-section-body">
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** One item of a list (a server, a destination, a condition): a titled group. */
export function Card({
  title,
  actions,
  children,
  highlighted,
  namePrefix,
}: {
  /** The group's heading, also its accessible name. */
  readonly title: ReactNode;
  /** Buttons in the card's header (move, remove). */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly highlighted?: boolean;
  /** The prefix of the accessible names of the controls in its body (see `NamePrefix`). */
  readonly namePrefix?: string;
}) {
  const id = useId();
  const body = <div className="inspector-card-body">{children}</div>;
  return (
    <div
      role="group"
      aria-labelledby={`${id}-title`}
      className={highlighted ? 'inspector-card is-highlighted' : 'inspector-card'}
    >
      <div className="inspector-card-header">
        <span id={`${id}-title`} className="inspector-card-title">
          {title}
        </span>
        {actions !== undefined ? <div className="inspector-card-actions">{actions}</div> : null}
      </div>
      {namePrefix === undefined ? body : <NamePrefix prefix={namePrefix}>{body}</NamePrefix>}
    </div>
  );
}

/** A short note in the panel's words (why a field matters, what the default is). */
export function Note({
  children,
  tone = 'info',
}: {
  readonly children: ReactNode;
  readonly tone?: 'info' | 'warning';
}) {
  return <p className={`inspector-note inspector-note-${tone}`}>{children}</p>;
}
