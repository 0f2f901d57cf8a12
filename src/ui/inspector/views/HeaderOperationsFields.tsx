import type { Headers } from '../../../engine';
import { LabelsField, StringListField } from '../collectionFields';
import type { ResourceEditing } from '../useResourceEditing';
import { headerMapProblem, headerToRemoveProblem } from '../validators';
import { labelsEditing, listEditing } from './common';

type Path = readonly (string | number)[];

/**
 * The header operations of one side (request or response): set, add and remove, each checked as
 * the webhook checks it before it is written. Each change is one intent.
 */
function HeaderSideFields({
  side,
  headers,
  path,
  editing,
  destination,
}: {
  readonly side: 'request' | 'response';
  readonly headers: Headers | undefined;
  readonly path: Path;
  readonly editing: ResourceEditing;
  readonly destination: number | undefined;
}) {
  const operations = headers?.[side];
  const base: Path = [...path, side];
  const title = side === 'request' ? 'Request' : 'Response';
  // A destination's fields name it ("Destination 2 request header to set"); their groups say it
  // to assistive technology only ("Request: set (destination 2)"): the card shows which one, and
  // "Destination 2" names only the card.
  const note = destination === undefined ? undefined : `(destination ${destination + 1})`;
  const itemOf = (operation: string) =>
    destination === undefined
      ? `${title} header to ${operation}`
      : `Destination ${destination + 1} ${side} header to ${operation}`;
  const mapEditing = (operation: 'set' | 'add') => {
    const write = labelsEditing(editing, [...base, operation]);
    const current = operations?.[operation] ?? {};
    return (next: Record<string, string>) =>
      headerMapProblem(side, operation, next, current) ?? write(next);
  };
  return (
    <>
      <LabelsField
        legend={`${title}: set`}
        legendNote={note}
        keyLabel={itemOf('set')}
        labels={operations?.set}
        diagnostics={editing.diagnostics([...base, 'set'])}
        onChange={mapEditing('set')}
      />
      <LabelsField
        legend={`${title}: add`}
        legendNote={note}
        keyLabel={itemOf('add')}
        labels={operations?.add}
        diagnostics={editing.diagnostics([...base, 'add'])}
        onChange={mapEditing('add')}
      />
      <StringListField
        legend={`${title}: remove`}
        legendNote={note}
        itemLabel={itemOf('remove')}
        items={operations?.remove ?? []}
        placeholder="header name"
        validate={headerToRemoveProblem}
        {...listEditing(editing, [...base, 'remove'])}
      />
    </>
  );
}

/**
 * Request and response header operations: a rule's (for every destination) or one destination's
 * (HTTPRouteDestination.headers, only when the rule routes there).
 */
export function HeaderOperationsFields({
  headers,
  path,
  editing,
  destination,
}: {
  readonly headers: Headers | undefined;
  /** The path of the `headers` object. */
  readonly path: Path;
  readonly editing: ResourceEditing;
  /** The destination's place in its rule's route, for a destination's own operations. */
  readonly destination?: number;
}) {
  return (
    <>
      <HeaderSideFields
        side="request"
        headers={headers}
        path={path}
        editing={editing}
        destination={destination}
      />
      <HeaderSideFields
        side="response"
        headers={headers}
        path={path}
        editing={editing}
        destination={destination}
      />
    </>
  );
}

/**
 * A destination's own header operations, folded unless written: they apply only to the requests
 * sent to this destination and to its responses (the rule's apply to every destination).
 */
export function DestinationHeadersFields({
  headers,
  path,
  editing,
  index,
}: {
  readonly headers: Headers | undefined;
  /** The path of the destination's `headers` object. */
  readonly path: Path;
  readonly editing: ResourceEditing;
  /** The destination's place in its rule's route. */
  readonly index: number;
}) {
  return (
    <details className="inspector-more" open={headers !== undefined}>
      <summary>Headers of destination {index + 1}</summary>
      <HeaderOperationsFields headers={headers} path={path} editing={editing} destination={index} />
    </details>
  );
}
