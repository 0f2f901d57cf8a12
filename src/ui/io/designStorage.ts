import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ShareDocument } from '../../engine';

/** What the Designs menu lists: a design without its text. */
export interface StoredDesignSummary {
  readonly id: string;
  readonly name: string;
  /** False for the untitled working design (autosaved, but not listed until saved as a name). */
  readonly named: boolean;
  /** Milliseconds since the epoch. */
  readonly updatedAt: number;
  /** Length of the design text, for the list. */
  readonly size: number;
}

/** A stored design: its summary, its content, and the digest of what it was when opened. */
export interface StoredDesign extends StoredDesignSummary {
  /** The share format's JSON object: one format for links and storage, one validator for both. */
  readonly content: ShareDocument;
  /** Digest of the content it was opened with: differs from the content's once the user edits. */
  readonly baseline: string;
}

/**
 * Where designs are kept. Records read back are untrusted (another version of the app, or a
 * damaged profile, may have written them): callers validate `content` before use.
 */
export interface DesignStorage {
  /** False for the in-memory fallback: designs last only as long as the page. */
  readonly persistent: boolean;
  list(): Promise<StoredDesignSummary[]>;
  read(id: string): Promise<unknown>;
  /** Writes the design and makes it the current one, in one transaction. */
  writeCurrent(design: StoredDesign): Promise<void>;
  /** Writes a design that is not the current one. */
  write(design: StoredDesign): Promise<void>;
  remove(id: string): Promise<void>;
  currentId(): Promise<string | undefined>;
}

interface SailplanDatabase extends DBSchema {
  designs: { key: string; value: StoredDesign };
  summaries: { key: string; value: StoredDesignSummary };
  session: { key: string; value: string };
}

const DATABASE = 'sailplan';
const CURRENT = 'current';

function summaryOf(design: StoredDesign): StoredDesignSummary {
  const { id, name, named, updatedAt, size } = design;
  return { id, name, named, updatedAt, size };
}

/**
 * Designs in IndexedDB, through `idb`: three object stores, `designs` (the full records),
 * `summaries` (what the menu lists, so listing never loads every text) and `session` (which design
 * is current), always written together in one transaction so they never disagree.
 */
class IndexedDbDesignStorage implements DesignStorage {
  readonly persistent = true;
  private readonly database: IDBPDatabase<SailplanDatabase>;

  constructor(database: IDBPDatabase<SailplanDatabase>) {
    this.database = database;
  }

  async list(): Promise<StoredDesignSummary[]> {
    const summaries: unknown[] = await this.database.getAll('summaries');
    return summaries.filter(isSummary);
  }

  read(id: string): Promise<unknown> {
    return this.database.get('designs', id);
  }

  async writeCurrent(design: StoredDesign): Promise<void> {
    const transaction = this.database.transaction(['designs', 'summaries', 'session'], 'readwrite');
    await Promise.all([
      transaction.objectStore('designs').put(design, design.id),
      transaction.objectStore('summaries').put(summaryOf(design), design.id),
      transaction.objectStore('session').put(design.id, CURRENT),
      transaction.done,
    ]);
  }

  async write(design: StoredDesign): Promise<void> {
    const transaction = this.database.transaction(['designs', 'summaries'], 'readwrite');
    await Promise.all([
      transaction.objectStore('designs').put(design, design.id),
      transaction.objectStore('summaries').put(summaryOf(design), design.id),
      transaction.done,
    ]);
  }

  async remove(id: string): Promise<void> {
    const transaction = this.database.transaction(['designs', 'summaries'], 'readwrite');
    await Promise.all([
      transaction.objectStore('designs').delete(id),
      transaction.objectStore('summaries').delete(id),
      transaction.done,
    ]);
  }

  async currentId(): Promise<string | undefined> {
    const id: unknown = await this.database.get('session', CURRENT);
    return typeof id === 'string' ? id : undefined;
  }
}

/** Designs kept in memory only: the fallback when the browser gives no IndexedDB. */
export class MemoryDesignStorage implements DesignStorage {
  readonly persistent = false;
  private readonly designs = new Map<string, StoredDesign>();
  private current: string | undefined;

  list(): Promise<StoredDesignSummary[]> {
    return Promise.resolve([...this.designs.values()].map(summaryOf));
  }

  read(id: string): Promise<unknown> {
    return Promise.resolve(this.designs.get(id));
  }

  writeCurrent(design: StoredDesign): Promise<void> {
    this.designs.set(design.id, design);
    this.current = design.id;
    return Promise.resolve();
  }

  write(design: StoredDesign): Promise<void> {
    this.designs.set(design.id, design);
    return Promise.resolve();
  }

  remove(id: string): Promise<void> {
    this.designs.delete(id);
    return Promise.resolve();
  }

  currentId(): Promise<string | undefined> {
    return Promise.resolve(this.current);
  }
}

function isSummary(value: unknown): value is StoredDesignSummary {
  if (typeof value !== 'object' || value === null) return false;
  const summary = value as Record<string, unknown>;
  return (
    typeof summary.id === 'string' &&
    typeof summary.name === 'string' &&
    typeof summary.named === 'boolean' &&
    typeof summary.updatedAt === 'number' &&
    typeof summary.size === 'number'
  );
}

/**
 * Opens the IndexedDB storage, or gives up after `timeoutMilliseconds` (a blocked upgrade, a
 * browser with storage disabled) so that the app starts anyway.
 */
export async function openDesignStorage(timeoutMilliseconds = 4000): Promise<DesignStorage> {
  if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the browser did not open local storage in time')),
      timeoutMilliseconds,
    );
  });
  try {
    const database = await Promise.race([
      openDB<SailplanDatabase>(DATABASE, 1, {
        upgrade(upgrading) {
          upgrading.createObjectStore('designs');
          upgrading.createObjectStore('summaries');
          upgrading.createObjectStore('session');
        },
      }),
      timeout,
    ]);
    return new IndexedDbDesignStorage(database);
  } finally {
    clearTimeout(timer);
  }
}
