import {
  BookOpen,
  Check,
  CloudOff,
  Copy,
  Download,
  FileArchive,
  FileCode,
  FileImage,
  FilePlus2,
  FolderOpen,
  Library,
  LoaderCircle,
  Pencil,
  Save,
  Share2,
  Trash2,
} from 'lucide-react';
import { useDesignIo, useSession } from './context';
import { EXAMPLES } from './examples';
import { MenuButton, type MenuEntry } from './MenuButton';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const modifier = isMac ? '⌘' : 'Ctrl+';

/** New, Open, Examples and Designs: the toolbar's way in. */
export function DesignFileMenus() {
  const io = useDesignIo();
  const current = useSession((state) => state.current);
  const designs = useSession((state) => state.designs);

  const exampleEntries: MenuEntry[] = EXAMPLES.map((example) => ({
    kind: 'item',
    id: example.id,
    label: example.title,
    description: example.description,
    onSelect: () => void io.openExample(example),
  }));

  const designEntries: MenuEntry[] = [
    {
      kind: 'item',
      id: 'save-as',
      label: 'Save as…',
      icon: <Save size={15} />,
      onSelect: () => void io.saveAs(),
    },
    {
      kind: 'item',
      id: 'rename',
      label: 'Rename…',
      icon: <Pencil size={15} />,
      disabled: !current.named,
      onSelect: () => void io.rename(),
    },
    {
      kind: 'item',
      id: 'delete',
      label: 'Delete…',
      icon: <Trash2 size={15} />,
      disabled: !current.named,
      onSelect: () => void io.deleteCurrent(),
    },
    { kind: 'separator', id: 'saved-separator' },
    { kind: 'heading', id: 'saved-heading', label: 'Saved in this browser' },
    ...(designs.length === 0
      ? [
          {
            kind: 'item' as const,
            id: 'none',
            label: 'No saved designs yet',
            disabled: true,
            onSelect: () => undefined,
          },
        ]
      : designs.map((design): MenuEntry => ({
          kind: 'item',
          id: `design-${design.id}`,
          label: design.name,
          checked: design.id === current.id,
          onSelect: () => void io.openSaved(design.id),
        }))),
  ];

  return (
    <div className="toolbar-group" role="group" aria-label="Design files">
      <button
        type="button"
        className="button"
        title="New design"
        onClick={() => void io.newDesign()}
      >
        <FilePlus2 size={16} aria-hidden="true" />
        <span className="io-label">New</span>
      </button>
      <button
        type="button"
        className="button"
        title={`Open YAML or JSON files (${modifier}O)`}
        aria-keyshortcuts={isMac ? 'Meta+O' : 'Control+O'}
        onClick={() => io.chooseFiles()}
      >
        <FolderOpen size={16} aria-hidden="true" />
        <span className="io-label">Open</span>
      </button>
      <MenuButton entries={exampleEntries} title="Open an example design">
        <BookOpen size={16} aria-hidden="true" />
        <span className="io-label">Examples</span>
      </MenuButton>
      <MenuButton entries={designEntries} title="Designs saved in this browser">
        <Library size={16} aria-hidden="true" />
        <span className="io-label">Designs</span>
      </MenuButton>
    </div>
  );
}

function AutosaveStatus() {
  const autosave = useSession((state) => state.autosave);
  const problem = useSession((state) => state.autosaveProblem);
  const text =
    autosave === 'off'
      ? 'Autosave off'
      : autosave === 'failed'
        ? 'Not saved'
        : autosave === 'saved'
          ? 'Saved'
          : 'Saving…';
  const explanation =
    autosave === 'off' || autosave === 'failed'
      ? (problem ?? 'Changes are not kept in this browser.')
      : 'Every change is kept in this browser.';
  return (
    <span className={`autosave autosave-${autosave}`} title={explanation}>
      {autosave === 'off' || autosave === 'failed' ? (
        <CloudOff size={14} aria-hidden="true" />
      ) : autosave === 'saved' ? (
        <Check size={14} aria-hidden="true" />
      ) : (
        <LoaderCircle size={14} aria-hidden="true" className="spin" />
      )}
      {text}
    </span>
  );
}

/** The open design's name and autosave status, then Export and Share: the way out. */
export function DesignShareMenus() {
  const io = useDesignIo();
  const current = useSession((state) => state.current);

  const exportEntries: MenuEntry[] = [
    {
      kind: 'item',
      id: 'yaml',
      label: 'Download YAML',
      description: 'One multi-document file for kubectl apply -f',
      icon: <FileCode size={15} />,
      onSelect: () => io.downloadYaml(),
    },
    {
      kind: 'item',
      id: 'copy',
      label: 'Copy YAML',
      description: 'The whole design to the clipboard',
      icon: <Copy size={15} />,
      onSelect: () => void io.copyYaml(),
    },
    {
      kind: 'item',
      id: 'zip',
      label: 'Download ZIP',
      description: 'One file per resource: kind-namespace-name.yaml',
      icon: <FileArchive size={15} />,
      onSelect: () => void io.downloadZip(),
    },
    { kind: 'separator', id: 'image-separator' },
    {
      kind: 'item',
      id: 'png',
      label: 'Download PNG',
      description: 'The whole diagram, in the current theme',
      icon: <FileImage size={15} />,
      onSelect: () => void io.downloadImage('png'),
    },
    {
      kind: 'item',
      id: 'svg',
      label: 'Download SVG',
      description: 'The whole diagram, as a scalable image',
      icon: <FileImage size={15} />,
      onSelect: () => void io.downloadImage('svg'),
    },
  ];

  return (
    <div className="toolbar-group" role="group" aria-label="Export and share">
      <span className="design-title">
        <span className="design-name" title={current.name}>
          {current.name}
        </span>
        <AutosaveStatus />
      </span>
      <MenuButton entries={exportEntries} title="Export the design or the diagram" align="end">
        <Download size={16} aria-hidden="true" />
        <span className="io-label">Export</span>
      </MenuButton>
      <button
        type="button"
        className="button button-outline"
        title="Copy a link that reopens this design (nothing is sent to a server)"
        onClick={() => void io.share()}
      >
        <Share2 size={16} aria-hidden="true" />
        <span className="io-label">Share</span>
      </button>
    </div>
  );
}
