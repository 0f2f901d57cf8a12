import { useSailplan, type DesignReading } from '../store';
import './designReading.css';

const count = new Intl.NumberFormat('en-US');

/** What the status says about a read under way (`Reading the design: 2,300 of 5,061 documents`). */
export function describeReading(reading: DesignReading): string {
  switch (reading.stage) {
    case 'parsing':
      return reading.total === 0
        ? 'Reading the design…'
        : `Reading the design: ${count.format(reading.parsed)} of ${count.format(reading.total)} documents`;
    case 'checking':
      return `Checking the design: ${count.format(reading.total)} documents read`;
    default: {
      const unknownStage: never = reading.stage;
      throw new Error(`Unknown reading stage ${String(unknownStage)}`);
    }
  }
}

/**
 * While the derive worker reads a large design: what it has read so far, as a status and a
 * progress bar over the canvas, which keeps the last design until the new one is drawn. Reads of
 * a one-document edit end within a blink: the status fades in only after a moment (CSS), so it
 * does not flicker while the user types.
 */
export function DesignReadingStatus() {
  const reading = useSailplan((state) => state.reading);
  if (reading === null) return null;
  const text = describeReading(reading);
  return (
    <div className="design-reading" role="status" aria-live="polite">
      <span className="design-reading-text">{text}</span>
      <progress
        className="design-reading-bar"
        aria-label="Reading the design"
        aria-valuetext={text}
        max={Math.max(1, reading.total)}
        value={reading.stage === 'checking' ? reading.total : reading.parsed}
      />
      <span className="design-reading-note">The canvas shows the last design until then.</span>
    </div>
  );
}
