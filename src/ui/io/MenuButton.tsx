import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Check, ChevronDown } from 'lucide-react';

/** An entry of a menu. */
export type MenuEntry =
  | {
      readonly kind: 'item';
      readonly id: string;
      readonly label: string;
      /** A second, quieter line. */
      readonly description?: string;
      readonly icon?: ReactNode;
      readonly disabled?: boolean;
      /** Present for a choice among several (menuitemradio): whether it is the chosen one. */
      readonly checked?: boolean;
      readonly onSelect: () => void;
    }
  | { readonly kind: 'separator'; readonly id: string }
  | { readonly kind: 'heading'; readonly id: string; readonly label: string };

interface MenuButtonProps {
  /** The button's visible content (icon and label). */
  readonly children: ReactNode;
  /** The button's accessible name, when it differs from its text. */
  readonly label?: string;
  readonly title?: string;
  readonly entries: readonly MenuEntry[];
  readonly className?: string;
  /** Which edge of the button the menu lines up with (`end` near the window's right edge). */
  readonly align?: 'start' | 'end';
}

type ItemEntry = Extract<MenuEntry, { kind: 'item' }>;

/**
 * A menu button (WAI-ARIA APG "menu button" pattern): the button opens a `role="menu"` list of
 * `menuitem`s; arrows, Home and End move between items, a letter jumps to the next item starting
 * with it, Enter or Space chooses, Escape closes and gives focus back to the button, Tab closes.
 */
export function MenuButton({
  children,
  label,
  title,
  entries,
  className,
  align = 'start',
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);
  const menuId = useId();
  const buttonId = useId();
  const items = entries.filter((entry): entry is ItemEntry => entry.kind === 'item');
  const itemIndexes = new Map(items.map((item, index) => [item.id, index]));

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }, []);

  const openAt = (index: number) => {
    setActive(Math.max(0, Math.min(index, items.length - 1)));
    setOpen(true);
  };

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  const choose = (item: ItemEntry) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(items.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((index) => (index >= last ? 0 : index + 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        setActive((index) => (index <= 0 ? last : index - 1));
        return;
      case 'Home':
        event.preventDefault();
        setActive(0);
        return;
      case 'End':
        event.preventDefault();
        setActive(last);
        return;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        return;
      case 'Tab':
        close(false);
        return;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[active];
        if (item) choose(item);
        return;
      }
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLowerCase();
          const order = [...items.slice(active + 1), ...items.slice(0, active + 1)];
          const next = order.find((item) => item.label.toLowerCase().startsWith(letter));
          if (next) setActive(items.indexOf(next));
        }
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className={`button ${className ?? ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={title}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {children}
        <ChevronDown size={14} aria-hidden="true" className="menu-chevron" />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className={align === 'end' ? 'menu menu-end' : 'menu'}
          onKeyDown={onMenuKeyDown}
        >
          {entries.map((entry) => {
            if (entry.kind === 'separator') {
              return <div key={entry.id} role="separator" className="menu-separator" />;
            }
            if (entry.kind === 'heading') {
              return (
                <div key={entry.id} role="presentation" className="menu-heading">
                  {entry.label}
                </div>
              );
            }
            const index = itemIndexes.get(entry.id) ?? 0;
            const radio = entry.checked !== undefined;
            return (
              <div
                key={entry.id}
                ref={(element) => {
                  itemRefs.current[index] = element;
                }}
                role={radio ? 'menuitemradio' : 'menuitem'}
                aria-label={entry.label}
                aria-describedby={entry.description ? `${menuId}-${entry.id}` : undefined}
                aria-checked={radio ? entry.checked : undefined}
                aria-disabled={entry.disabled || undefined}
                tabIndex={index === active ? 0 : -1}
                className="menu-item"
                onClick={() => choose(entry)}
                onPointerMove={() => {
                  if (index !== active) setActive(index);
                }}
              >
                <span className="menu-item-icon" aria-hidden="true">
                  {radio ? entry.checked ? <Check size={15} /> : null : entry.icon}
                </span>
                <span className="menu-item-text">
                  <span className="menu-item-label">{entry.label}</span>
                  {entry.description && (
                    <span id={`${menuId}-${entry.id}`} className="menu-item-description">
                      {entry.description}
                    </span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
