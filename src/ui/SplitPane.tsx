import {
  useCallback,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';

interface SplitPaneProps {
  /** `row`: panes side by side with a vertical divider; `column`: stacked. */
  readonly direction: 'row' | 'column';
  /** The first pane's initial share of the space, in percent. */
  readonly initialPercent: number;
  readonly minPercent?: number;
  readonly maxPercent?: number;
  /** Accessible name of the divider, e.g. "Resize canvas and editor". */
  readonly label: string;
  readonly first: ReactNode;
  readonly second: ReactNode;
  readonly className?: string;
}

/** Two panes with a draggable divider, also movable with the arrow keys (a WAI-ARIA separator). */
export function SplitPane({
  direction,
  initialPercent,
  minPercent = 15,
  maxPercent = 85,
  label,
  first,
  second,
  className,
}: SplitPaneProps) {
  const [percent, setPercent] = useState(initialPercent);
  const container = useRef<HTMLDivElement>(null);
  const clamp = useCallback(
    (value: number) => Math.min(maxPercent, Math.max(minPercent, value)),
    [minPercent, maxPercent],
  );

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId) || !container.current) return;
    const box = container.current.getBoundingClientRect();
    const position =
      direction === 'row'
        ? ((event.clientX - box.left) / box.width) * 100
        : ((event.clientY - box.top) / box.height) * 100;
    setPercent(clamp(position));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 10 : 2;
    const decrease = direction === 'row' ? 'ArrowLeft' : 'ArrowUp';
    const increase = direction === 'row' ? 'ArrowRight' : 'ArrowDown';
    if (event.key === decrease) setPercent((value) => clamp(value - step));
    else if (event.key === increase) setPercent((value) => clamp(value + step));
    else if (event.key === 'Home') setPercent(minPercent);
    else if (event.key === 'End') setPercent(maxPercent);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={container}
      className={`split split-${direction}${className ? ` ${className}` : ''}`}
      style={{ ['--split' as string]: `${percent}%` }}
    >
      <div className="split-pane split-first">{first}</div>
      <div
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        aria-valuenow={Math.round(percent)}
        aria-valuemin={minPercent}
        aria-valuemax={maxPercent}
        className="split-divider"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane split-second">{second}</div>
    </div>
  );
}
