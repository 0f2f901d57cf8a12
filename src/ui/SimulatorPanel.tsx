import { RequestForm } from './simulator/RequestForm';
import { TraceView } from './simulator/TraceView';
import './simulator/panelKit.css';
import './simulator/simulator.css';

/**
 * The Simulator panel: a request (method, URL, headers, where it comes from) on the left, its trace
 * on the right. The trace is drawn on the canvas too, and follows every edit of the design.
 */
export function SimulatorPanel() {
  return (
    <div className="sim-panel">
      <RequestForm />
      <TraceView />
    </div>
  );
}
