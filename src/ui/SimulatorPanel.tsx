/** The Simulator panel: send a sample request through the design and follow its trace. */
export function SimulatorPanel() {
  return (
    <p className="empty-state">Send a sample request through the design and watch where it goes.</p>
  );
}
