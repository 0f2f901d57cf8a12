import type { StoreApi } from 'zustand/vanilla';
import type { Request, Trace } from '../engine';
import { loadAnalysis, loadedAnalysis, type Analysis } from './analysisLoader';
import type { SailplanState } from './createSailplanStore';
import type { Derived } from './derive';
import { traceHighlight, type TraceHighlight } from './traceHighlight';

/** A sent request, its trace through the design the canvas shows, and the canvas's highlight. */
export interface Simulation {
  /** The request as sent (blank header rows left out), with its `draw` when sampled. */
  readonly request: Request;
  readonly trace: Trace;
  readonly highlight: TraceHighlight;
  /** Increases with every send, so that the canvas plays the path again. */
  readonly serial: number;
  /** The derived version the trace was made on (it follows every edit). */
  readonly version: number;
}

/** The Simulator's state: the last request sent and its trace, kept in step with the design. */
export interface SimulationSlice {
  /** `null` until a request is sent, and after `clearSimulation`. */
  readonly simulation: Simulation | null;
  /**
   * Sends the Simulator's `request` through the design. With `draw` (a number in [0, 1)) the
   * random choices (a split's destination, a fault's percentage) are drawn, as one real request.
   * Sent at once, or as soon as the simulator's code has arrived (the app loads it after the first
   * paint).
   */
  readonly sendRequest: (draw?: number) => void;
  /** Removes the trace and its highlight. */
  readonly clearSimulation: () => void;
}

type SetState = StoreApi<SailplanState>['setState'];
type GetState = StoreApi<SailplanState>['getState'];

function isBlankRow([name, value]: readonly [string, string]): boolean {
  return name.trim() === '' && value.trim() === '';
}

/**
 * The request as the engine should see it: blank header rows (a row just added, not yet filled)
 * are left out; a row with a value and no name is kept, so that the trace says what is wrong.
 */
export function requestToSend(request: Request, draw?: number): Request {
  const rows =
    request.headers === undefined
      ? []
      : Array.isArray(request.headers)
        ? (request.headers as readonly (readonly [string, string])[])
        : Object.entries(request.headers);
  const kept = rows.filter((row) => !isBlankRow(row));
  const sent: { -readonly [Key in keyof Request]: Request[Key] } = { ...request };
  delete sent.headers;
  delete sent.draw;
  if (kept.length > 0) sent.headers = kept;
  if (draw !== undefined) sent.draw = draw;
  return sent;
}

function simulationOf(
  request: Request,
  derived: Derived,
  serial: number,
  analysis: Analysis,
): Simulation {
  const trace = analysis.simulate(derived.design, request);
  return {
    request,
    trace,
    highlight: traceHighlight(trace, derived.topology, request.draw),
    serial,
    version: derived.version,
  };
}

/** The Simulator's slice of the store. */
export function createSimulationSlice(set: SetState, get: GetState): SimulationSlice {
  let serial = 0;
  return {
    simulation: null,
    sendRequest: (draw) => {
      serial += 1;
      const sent = serial;
      const send = (analysis: Analysis) => {
        // A later send (or a cleared trace meanwhile) wins over one still waiting for the code.
        if (sent !== serial) return;
        // The canvas draws the last design that parsed: the trace goes through that one.
        const { request, lastGood } = get();
        set({ simulation: simulationOf(requestToSend(request, draw), lastGood, sent, analysis) });
      };
      const analysis = loadedAnalysis();
      if (analysis !== undefined) send(analysis);
      else
        loadAnalysis().then(send, () =>
          get().notify('error', 'The simulator could not be loaded: try again.'),
        );
    },
    clearSimulation: () => {
      // A send still waiting for the simulator's code is cancelled with it.
      serial += 1;
      set({ simulation: null });
    },
  };
}

/**
 * Keeps the trace in step with the design: after every edit (every new good derivation) the sent
 * request is traced again, so the highlighted path is never stale. A sampled trace (Sample) stays
 * that one request's until the request is edited, and then shows the whole split again. Returns
 * the unsubscribe.
 */
export function followDesignWithSimulation(store: StoreApi<SailplanState>): () => void {
  return store.subscribe((state, previous) => {
    const { simulation, lastGood } = state;
    // A sample lasts until the request is edited: then the trace is the whole split again.
    if (
      simulation !== null &&
      simulation.request.draw !== undefined &&
      state.request !== previous.request
    ) {
      const analysis = loadedAnalysis();
      if (analysis === undefined) return;
      store.setState({
        simulation: simulationOf(
          requestToSend(simulation.request),
          lastGood,
          simulation.serial,
          analysis,
        ),
      });
      return;
    }
    // Silencing a finding derives new diagnostics over the same design: nothing to trace again.
    if (simulation === null || lastGood.design === previous.lastGood.design) return;
    // A trace exists only once the simulator has arrived.
    const analysis = loadedAnalysis();
    if (analysis === undefined) return;
    store.setState({
      simulation: simulationOf(simulation.request, lastGood, simulation.serial, analysis),
    });
  });
}
