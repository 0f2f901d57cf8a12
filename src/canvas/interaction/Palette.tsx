import { useCallback, type CSSProperties, type DragEvent } from 'react';
import { PALETTE_DRAG_TYPE, PALETTE_ITEMS, type PaletteItem } from './paletteItems';

interface PaletteProps {
  readonly disabled: boolean;
  /** Icons only, for a low canvas: each keeps its name for assistive technology and as a tooltip. */
  readonly compact?: boolean;
  /** Adds an item in free space in the middle of the view. */
  readonly onAdd: (item: PaletteItem) => void;
}

/**
 * The kinds a user can add (GitHub issue 5.1): drag one onto the canvas to put it there, or click
 * it to put it in free space. Each adds a valid resource with a unique name.
 */
export function Palette({ disabled, compact = false, onAdd }: PaletteProps) {
  const onDragStart = useCallback((event: DragEvent<HTMLButtonElement>, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, item.id);
    event.dataTransfer.effectAllowed = 'copy';
  }, []);

  return (
    <div
      role="toolbar"
      aria-label="Add resources"
      aria-orientation="vertical"
      className={compact ? 'sp-palette sp-palette--compact' : 'sp-palette'}
    >
      {PALETTE_ITEMS.map((item) => {
        const Icon = item.icon;
        return (
          <button
            key={item.id}
            type="button"
            className="sp-palette__item"
            style={{ '--kind': `var(${item.kindToken})` } as CSSProperties}
            aria-label={`Add ${item.title}`}
            title={
              disabled
                ? 'The YAML has errors: fix them to add resources'
                : `${item.title}: drag onto the canvas, or click to add`
            }
            disabled={disabled}
            draggable={!disabled}
            onDragStart={(event) => onDragStart(event, item)}
            onClick={() => onAdd(item)}
          >
            <span className="sp-palette__icon" aria-hidden="true">
              <Icon size={16} strokeWidth={2} />
            </span>
            {/* The compact palette shows icons; the names stay for assistive technology. */}
            <span className={compact ? 'sp-palette__label visually-hidden' : 'sp-palette__label'}>
              {item.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
