import {
  createContext,
  useContext,
  useId,
  useState,
  type FocusEvent,
  type FormEvent,
  type ReactNode,
} from 'react';
import { Plus, X } from 'lucide-react';
import type { Diagnostic, Labels, StringMatch } from '../../engine';
import {
  IconButton,
  PrefixedLabel,
  SelectField,
  TextField,
  useNamePrefix,
  type CommitResult,
} from './fields';

/** A group of controls under a legend: a list, a map, a match. */
function FieldGroup({
  legend,
  legendNote,
  children,
  help,
  hideLegend,
}: {
  readonly legend: string;
  /** Said after the legend to assistive technology only, where the context shows it. */
  readonly legendNote?: string;
  readonly children: ReactNode;
  readonly help?: string;
  /** For a group that is its section's only content: the section's title already says it. */
  readonly hideLegend?: boolean;
}) {
  return (
    <fieldset className="inspector-group">
      <legend className={hideLegend ? 'visually-hidden' : 'inspector-group-legend'}>
        {legend}
        {legendNote !== undefined ? (
          <>
            {' '}
            <span className="visually-hidden">{legendNote}</span>
          </>
        ) : null}
      </legend>
      {children}
      {help !== undefined ? <p className="inspector-help">{help}</p> : null}
    </fieldset>
  );
}

/**
 * What describes an add row's inputs: its refusal (`invalid`) or its "not added yet" hint, by id;
 * undefined while there is neither.
 */
const AddRowProblem = createContext<{ readonly id: string; readonly invalid: boolean } | undefined>(
  undefined,
);

/** The hint an add row shows when focus leaves it with text that was never added. */
export const NOT_ADDED_HINT = 'Not added yet: press Enter or +';

/**
 * The last row of a list: inputs for a new item and an Add button. Nothing is written until Add
 * (or Enter), so the new item arrives whole, as one intent. A refusal is said under the row and
 * describes its inputs, which are marked invalid until the next try.
 *
 * Text left in the row when focus moves on (Tab, a click elsewhere) is not added: a row of several
 * inputs (a header's name, match type and value) would be added half-typed, and leaving a field
 * would write to the design (an undo step, maybe a refusal) without the user asking. The row says
 * so instead, under it and in its inputs' description, until the text is added or cleared.
 */
function AddRow({
  fields,
  addLabel,
  onAdd,
  canAdd,
}: {
  /** The inputs (labelled) for the new item. */
  readonly fields: ReactNode;
  /** The button's accessible name, e.g. "Add host". */
  readonly addLabel: string;
  /** Adds the item; returns why it was not added. */
  readonly onAdd: () => CommitResult;
  /** True when the row holds something to add (its text). */
  readonly canAdd: boolean;
}) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [left, setLeft] = useState(false);
  const messageId = useId();
  const prefix = useNamePrefix();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canAdd) return;
    const result = onAdd();
    setProblem(result);
    if (result === undefined) setLeft(false);
  };
  const leave = (event: FocusEvent<HTMLFormElement>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    setLeft(canAdd);
  };
  const hint = problem === undefined && left && canAdd;
  const described =
    problem !== undefined
      ? { id: messageId, invalid: true }
      : hint
        ? { id: messageId, invalid: false }
        : undefined;
  return (
    <form className="inspector-add-row" onSubmit={submit} onBlur={leave}>
      <div className="inspector-add-fields">
        <AddRowProblem.Provider value={described}>{fields}</AddRowProblem.Provider>
        <button
          type="submit"
          className="inspector-icon-button"
          aria-label={prefix + addLabel}
          title={addLabel}
          disabled={!canAdd}
        >
          <Plus size={14} aria-hidden="true" />
        </button>
      </div>
      {problem !== undefined ? (
        <p id={messageId} className="inspector-message inspector-message-error" role="alert">
          {problem}
        </p>
      ) : hint ? (
        <p id={messageId} className="inspector-message inspector-message-pending" role="status">
          {NOT_ADDED_HINT}
        </p>
      ) : null}
    </form>
  );
}

/** A plain input for an add row (its value is local until Add). */
function DraftInput({
  label,
  value,
  onChange,
  placeholder,
  monospace,
  suggestions,
  disabled,
  inputMode,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
  readonly monospace?: boolean;
  readonly suggestions?: string;
  readonly disabled?: boolean;
  readonly inputMode?: 'numeric' | 'text';
}) {
  const id = useId();
  const described = useContext(AddRowProblem);
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        <PrefixedLabel label={label} />
      </label>
      <input
        id={id}
        type="text"
        className={monospace ? 'inspector-input inspector-mono' : 'inspector-input'}
        value={value}
        placeholder={placeholder ?? label}
        list={suggestions}
        disabled={disabled}
        inputMode={inputMode}
        aria-invalid={described?.invalid === true ? true : undefined}
        aria-describedby={described?.id}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}

/** A list of strings (hosts, gateways, methods...) edited in place. */
export function StringListField({
  legend,
  legendNote,
  itemLabel,
  items,
  onSet,
  onInsert,
  onRemove,
  placeholder,
  suggestions,
  help,
  hideLegend,
  diagnosticsOf = () => [],
  validate,
}: {
  /** Checks an item before it is written (Istio's words); returns the message to show. */
  readonly validate?: (text: string) => CommitResult;
  readonly legend: string;
  /** Said after the legend to assistive technology only (e.g. which destination). */
  readonly legendNote?: string;
  readonly hideLegend?: boolean;
  /** The word for one item, e.g. "Host": names the inputs ("Host 1") and buttons. */
  readonly itemLabel: string;
  readonly items: readonly string[];
  readonly onSet: (index: number, value: string) => CommitResult;
  readonly onInsert: (value: string) => CommitResult;
  readonly onRemove: (index: number) => CommitResult;
  readonly placeholder?: string;
  readonly suggestions?: string;
  readonly help?: string;
  readonly diagnosticsOf?: (index: number) => readonly Diagnostic[];
}) {
  const [draft, setDraft] = useState('');
  return (
    <FieldGroup legend={legend} legendNote={legendNote} help={help} hideLegend={hideLegend}>
      {items.map((item, index) => (
        // Keyed by place, not text: a committed edit keeps its input, and the focus with it.
        <div className="inspector-list-row" key={index}>
          <TextField
            hideLabel
            label={`${itemLabel} ${index + 1}`}
            value={item}
            monospace
            suggestions={suggestions}
            diagnostics={diagnosticsOf(index)}
            validate={validate}
            onCommit={(text) => (text.trim() === '' ? onRemove(index) : onSet(index, text.trim()))}
          />
          <IconButton
            label={`Remove ${itemLabel.toLowerCase()} ${item}`}
            onClick={() => onRemove(index)}
          >
            <X size={14} aria-hidden="true" />
          </IconButton>
        </div>
      ))}
      <AddRow
        addLabel={`Add ${itemLabel.toLowerCase()}`}
        canAdd={draft.trim() !== ''}
        onAdd={() => {
          const problem = validate?.(draft.trim()) ?? onInsert(draft.trim());
          if (problem === undefined) setDraft('');
          return problem;
        }}
        fields={
          <DraftInput
            label={`New ${itemLabel.toLowerCase()}`}
            value={draft}
            onChange={setDraft}
            placeholder={placeholder}
            suggestions={suggestions}
            monospace
          />
        }
      />
    </FieldGroup>
  );
}

/** Renames a key of a map, keeping its place among the others. */
export function renameKey<V>(
  map: Readonly<Record<string, V>>,
  from: string,
  to: string,
): Record<string, V> {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [key === from ? to : key, value]),
  );
}

/** A label map (selectors, labels): one row per `key: value`, edited as one map per change. */
export function LabelsField({
  legend,
  legendNote,
  labels,
  onChange,
  help,
  keyLabel = 'Label',
  diagnostics = [],
  hideLegend,
}: {
  readonly legend: string;
  /** Said after the legend to assistive technology only (e.g. which destination). */
  readonly legendNote?: string;
  readonly hideLegend?: boolean;
  readonly labels: Labels | undefined;
  /** Writes the whole map (an empty map is the caller's to remove); returns why not. */
  readonly onChange: (next: Record<string, string>) => CommitResult;
  readonly help?: string;
  readonly keyLabel?: string;
  readonly diagnostics?: readonly Diagnostic[];
}) {
  const entries = Object.entries(labels ?? {});
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const current = labels ?? {};
  return (
    <FieldGroup legend={legend} legendNote={legendNote} help={help} hideLegend={hideLegend}>
      {entries.length === 0 ? <p className="inspector-empty">None</p> : null}
      {entries.map(([key, value], index) => (
        // Keyed by place: renaming a key keeps its row, and the focus in it.
        <div className="inspector-pair-row" key={index}>
          <TextField
            hideLabel
            label={`${keyLabel} key ${key}`}
            value={key}
            monospace
            onCommit={(text) => {
              const next = text.trim();
              if (next === '') return 'A key is needed; use the remove button to remove the label';
              if (next !== key && next in current) return `${next} is already set`;
              return onChange(renameKey(current, key, next));
            }}
          />
          <span className="inspector-pair-separator" aria-hidden="true">
            =
          </span>
          <TextField
            hideLabel
            label={`${keyLabel} ${key} value`}
            value={value}
            monospace
            onCommit={(text) => onChange({ ...current, [key]: text.trim() })}
          />
          <IconButton
            label={`Remove ${keyLabel.toLowerCase()} ${key}`}
            onClick={() => onChange(Object.fromEntries(entries.filter(([other]) => other !== key)))}
          >
            <X size={14} aria-hidden="true" />
          </IconButton>
        </div>
      ))}
      {diagnostics.map((diagnostic, index) => (
        <p key={index} className={`inspector-message inspector-message-${diagnostic.level}`}>
          <span className="inspector-message-code">{diagnostic.code}</span> {diagnostic.message}
        </p>
      ))}
      <AddRow
        addLabel={`Add ${keyLabel.toLowerCase()}`}
        canAdd={newKey.trim() !== ''}
        onAdd={() => {
          const key = newKey.trim();
          if (key in current) return `${key} is already set`;
          const problem = onChange({ ...current, [key]: newValue.trim() });
          if (problem === undefined) {
            setNewKey('');
            setNewValue('');
          }
          return problem;
        }}
        fields={
          <>
            <DraftInput
              label={`New ${keyLabel.toLowerCase()} key`}
              value={newKey}
              onChange={setNewKey}
              placeholder="key"
              monospace
            />
            <span className="inspector-pair-separator" aria-hidden="true">
              =
            </span>
            <DraftInput
              label={`New ${keyLabel.toLowerCase()} value`}
              value={newValue}
              onChange={setNewValue}
              placeholder="value"
              monospace
            />
          </>
        }
      />
    </FieldGroup>
  );
}

/** How a StringMatch matches; `present` is `{}` (headers and query parameters only). */
export type MatchKind = 'exact' | 'prefix' | 'regex' | 'present';

/** The kind of a StringMatch as written (the first of exact, prefix, regex), `present` for `{}`. */
export function matchKindOf(match: StringMatch | undefined): MatchKind | undefined {
  if (match === undefined) return undefined;
  if (match.exact !== undefined) return 'exact';
  if (match.prefix !== undefined) return 'prefix';
  if (match.regex !== undefined) return 'regex';
  return 'present';
}

/** The value of a StringMatch, whatever its kind. */
export function matchValueOf(match: StringMatch | undefined): string {
  return match?.exact ?? match?.prefix ?? match?.regex ?? '';
}

/** The StringMatch of a kind and value. */
export function toStringMatch(kind: MatchKind, value: string): StringMatch {
  return kind === 'present' ? {} : { [kind]: value };
}

const KIND_LABELS: Record<MatchKind, string> = {
  exact: 'Exact',
  prefix: 'Prefix',
  regex: 'Regex (RE2)',
  present: 'Present',
};

/**
 * One StringMatch (uri, scheme, method, authority): a kind and a value. Changing the kind keeps
 * the value (`prefix: /a` becomes `exact: /a`) in one intent; "Any" removes the condition.
 */
export function StringMatchField({
  label,
  value,
  onChange,
  diagnostics = [],
  help,
  placeholder,
}: {
  readonly label: string;
  readonly value: StringMatch | undefined;
  /** `undefined` removes the condition; returns why the change was not made. */
  readonly onChange: (next: StringMatch | undefined) => CommitResult;
  readonly diagnostics?: readonly Diagnostic[];
  readonly help?: string;
  readonly placeholder?: string;
}) {
  const written = matchKindOf(value);
  // A kind chosen before any value is typed waits here: `prefix: ""` would be written otherwise.
  const [pendingKind, setPendingKind] = useState<MatchKind | undefined>(undefined);
  const kind = written ?? pendingKind;
  const id = useId();
  return (
    <div className="inspector-field">
      <span className="inspector-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="inspector-control" role="group" aria-labelledby={`${id}-label`}>
        <div className="inspector-match">
          <SelectField
            hideLabel
            label={`${label} match type`}
            value={kind ?? ''}
            options={[
              { value: '', label: 'Any' },
              { value: 'exact', label: KIND_LABELS.exact },
              { value: 'prefix', label: KIND_LABELS.prefix },
              { value: 'regex', label: KIND_LABELS.regex },
            ]}
            onChange={(next) => {
              if (next === '') {
                setPendingKind(undefined);
                return value === undefined ? undefined : onChange(undefined);
              }
              const nextKind = next as MatchKind;
              if (value === undefined) {
                setPendingKind(nextKind);
                return undefined;
              }
              return onChange(toStringMatch(nextKind, matchValueOf(value)));
            }}
          />
          <TextField
            hideLabel
            label={`${label} value`}
            value={matchValueOf(value)}
            monospace
            disabled={kind === undefined}
            placeholder={kind === undefined ? 'any value' : placeholder}
            onCommit={(text) => {
              if (kind === undefined) return undefined;
              const problem = onChange(toStringMatch(kind, text));
              if (problem === undefined) setPendingKind(undefined);
              return problem;
            }}
          />
        </div>
        {diagnostics.map((diagnostic, index) => (
          <p key={index} className={`inspector-message inspector-message-${diagnostic.level}`}>
            <span className="inspector-message-code">{diagnostic.code}</span> {diagnostic.message}
          </p>
        ))}
        {help !== undefined ? <p className="inspector-help">{help}</p> : null}
      </div>
    </div>
  );
}

/**
 * A map of name -> StringMatch (headers, withoutHeaders, queryParams). Each row is a name, a kind
 * (`Present` is `{}`) and a value; a new entry is added whole, as one intent.
 */
export function StringMatchMapField({
  legend,
  nameLabel,
  entries,
  onSetEntry,
  onRenameEntry,
  onRemoveEntry,
  help,
  diagnosticsOf = () => [],
}: {
  readonly legend: string;
  /** The word for one entry's name, e.g. "Header" or "Query parameter". */
  readonly nameLabel: string;
  readonly entries: Readonly<Record<string, StringMatch>> | undefined;
  readonly onSetEntry: (name: string, match: StringMatch) => CommitResult;
  readonly onRenameEntry: (from: string, to: string) => CommitResult;
  readonly onRemoveEntry: (name: string) => CommitResult;
  readonly help?: string;
  readonly diagnosticsOf?: (name: string) => readonly Diagnostic[];
}) {
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<MatchKind>('exact');
  const [newValue, setNewValue] = useState('');
  const kindOptions = (['exact', 'prefix', 'regex', 'present'] as const).map((kind) => ({
    value: kind,
    label: KIND_LABELS[kind],
  }));
  const word = nameLabel.toLowerCase();
  const newKindId = useId();
  return (
    <FieldGroup legend={legend} help={help}>
      {Object.entries(entries ?? {}).map(([name, match], index) => {
        const kind = matchKindOf(match) ?? 'present';
        return (
          // Keyed by place: renaming an entry keeps its row, and the focus in it.
          <div className="inspector-match-row" key={index}>
            <TextField
              hideLabel
              label={`${nameLabel} name ${name}`}
              value={name}
              monospace
              onCommit={(text) => {
                const next = text.trim();
                if (next === '') return `A name is needed; use the remove button to remove ${name}`;
                if (next !== name && entries !== undefined && next in entries) {
                  return `${next} is already matched`;
                }
                return onRenameEntry(name, next);
              }}
            />
            <SelectField
              hideLabel
              label={`${nameLabel} ${name} match type`}
              value={kind}
              options={kindOptions}
              onChange={(next) =>
                onSetEntry(name, toStringMatch(next as MatchKind, matchValueOf(match)))
              }
            />
            <TextField
              hideLabel
              label={`${nameLabel} ${name} value`}
              value={matchValueOf(match)}
              monospace
              disabled={kind === 'present'}
              placeholder={kind === 'present' ? 'any value' : undefined}
              diagnostics={diagnosticsOf(name)}
              onCommit={(text) => onSetEntry(name, toStringMatch(kind, text))}
            />
            <IconButton label={`Remove ${word} ${name}`} onClick={() => onRemoveEntry(name)}>
              <X size={14} aria-hidden="true" />
            </IconButton>
          </div>
        );
      })}
      <AddRow
        addLabel={`Add ${word} match`}
        canAdd={newName.trim() !== ''}
        onAdd={() => {
          const name = newName.trim();
          if (entries !== undefined && name in entries) return `${name} is already matched`;
          const problem = onSetEntry(name, toStringMatch(newKind, newValue));
          if (problem === undefined) {
            setNewName('');
            setNewValue('');
          }
          return problem;
        }}
        fields={
          <>
            <DraftInput
              label={`New ${word} name`}
              value={newName}
              onChange={setNewName}
              placeholder="name"
              monospace
            />
            <label htmlFor={newKindId} className="visually-hidden">
              <PrefixedLabel label={`New ${word} match type`} />
            </label>
            <select
              id={newKindId}
              className="inspector-select"
              value={newKind}
              onChange={(event) => setNewKind(event.target.value as MatchKind)}
            >
              {kindOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <DraftInput
              label={`New ${word} value`}
              value={newKind === 'present' ? '' : newValue}
              disabled={newKind === 'present'}
              onChange={setNewValue}
              placeholder={newKind === 'present' ? 'any value' : 'value'}
              monospace
            />
          </>
        }
      />
    </FieldGroup>
  );
}

/**
 * One input and an Add button for a new list item (a destination's host, a port number, a subset
 * name): the item is written when added, as one intent, and the input empties.
 */
export function InlineAddForm({
  label,
  addLabel,
  placeholder,
  onAdd,
  suggestions,
  numeric,
}: {
  /** The input's accessible name, e.g. "New destination host". */
  readonly label: string;
  /** The button's accessible name, e.g. "Add destination". */
  readonly addLabel: string;
  readonly placeholder?: string;
  /** Adds the item from the trimmed text; returns why it was not added. */
  readonly onAdd: (text: string) => CommitResult;
  readonly suggestions?: string;
  readonly numeric?: boolean;
}) {
  const [draft, setDraft] = useState('');
  return (
    <AddRow
      addLabel={addLabel}
      canAdd={draft.trim() !== ''}
      onAdd={() => {
        const problem = onAdd(draft.trim());
        if (problem === undefined) setDraft('');
        return problem;
      }}
      fields={
        <DraftInput
          label={label}
          value={draft}
          onChange={setDraft}
          placeholder={placeholder}
          suggestions={suggestions}
          inputMode={numeric ? 'numeric' : 'text'}
          monospace
        />
      }
    />
  );
}
