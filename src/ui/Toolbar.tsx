import { LayoutDashboard, Moon, Redo2, Sun, Undo2 } from 'lucide-react';
import { useSailplan } from '../store';
import type { Theme } from './theme';
import { DesignFileMenus, DesignShareMenus } from './io';

interface ToolbarProps {
  readonly theme: Theme;
  readonly onToggleTheme: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const modifier = isMac ? '⌘' : 'Ctrl+';

/** The header's toolbar. */
export function Toolbar({ theme, onToggleTheme }: ToolbarProps) {
  const canUndo = useSailplan((state) => state.canUndo);
  const canRedo = useSailplan((state) => state.canRedo);
  const undo = useSailplan((state) => state.undo);
  const redo = useSailplan((state) => state.redo);
  const requestLayout = useSailplan((state) => state.requestLayout);

  return (
    <div role="toolbar" aria-label="Design" className="toolbar">
      <DesignFileMenus />
      <span className="toolbar-separator" aria-hidden="true" />
      <div className="toolbar-group">
        <button
          type="button"
          className="button button-icon"
          aria-label="Undo"
          title={`Undo (${modifier}Z)`}
          disabled={!canUndo}
          onClick={undo}
        >
          <Undo2 size={16} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button button-icon"
          aria-label="Redo"
          title={`Redo (${modifier}Shift+Z)`}
          disabled={!canRedo}
          onClick={redo}
        >
          <Redo2 size={16} aria-hidden="true" />
        </button>
      </div>
      <span className="toolbar-separator" aria-hidden="true" />
      <div className="toolbar-group">
        <button type="button" className="button" onClick={requestLayout}>
          <LayoutDashboard size={16} aria-hidden="true" />
          Auto layout
        </button>
      </div>
      <span className="toolbar-spacer" />
      <DesignShareMenus />
      <button
        type="button"
        className="button button-icon"
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        onClick={onToggleTheme}
      >
        {theme === 'dark' ? (
          <Sun size={16} aria-hidden="true" />
        ) : (
          <Moon size={16} aria-hidden="true" />
        )}
      </button>
    </div>
  );
}
