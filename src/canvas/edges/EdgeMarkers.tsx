/** The arrowheads edges end with, one per look (they cannot inherit the stroke colour). */
export function EdgeMarkers() {
  const markers = ['', '-muted', '-selected', '-warning', '-mirror'];
  return (
    <svg className="sp-edge-markers" aria-hidden="true" focusable="false">
      <defs>
        {markers.map((suffix) => (
          <marker
            key={suffix}
            id={`sp-arrow${suffix}`}
            className={`sp-marker sp-marker${suffix === '' ? '-default' : suffix}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0.5 L 9.5 5 L 0 9.5 z" />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
