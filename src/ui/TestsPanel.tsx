/** The Tests panel: the design's route tests. */
export function TestsPanel() {
  return <p className="empty-state">Route tests for this design appear here.</p>;
}
