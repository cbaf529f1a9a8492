// "You said, we did": what a service owner publishes about a change, as the stores keep it.
// Every edit is a new version (nothing is overwritten); a withdrawal is a version too, with no
// texts, so the history of what the public was shown is never lost. Types only.

/** The statuses an update may have, as their ids: `no-change` needs a reason in every language. */
export const UPDATE_STATUSES = ['listening', 'change-planned', 'change-made', 'no-change'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** An update's words in one language. */
export interface UpdateText {
  /** "You said": what people told the service. */
  youSaid: string;
  /** "We did" / "We will": what the service did or will do about it. */
  weDid: string;
  /** Why nothing will change (status `no-change` only). */
  reason?: string;
}

/** One version of a change's update, as stored. */
export interface UpdateVersion {
  change: string;
  /** 1, 2, 3… per change. */
  version: number;
  /** `published`: shown to the public while it is the newest; `withdrawn`: the update is taken down. */
  kind: 'published' | 'withdrawn';
  /** Absent for a withdrawal. */
  status?: UpdateStatus;
  /** The date the update speaks for, `YYYY-MM-DD` (absent for a withdrawal). */
  date?: string;
  /** Words by locale code (`en` always; `cy` when the change is asked in Welsh). Empty for a withdrawal. */
  texts: Record<string, UpdateText>;
  /** Whether the public page shows the change's headline figures. */
  showFigures: boolean;
  /** Who published it: a label (a team's name), never a secret. */
  publishedBy: string;
  /** When the version was stored (ISO 8601). */
  createdAt: string;
}

/** What is stored as a new version: the store numbers it and dates it. */
export type NewUpdateVersion = Omit<UpdateVersion, 'change' | 'version' | 'createdAt'>;

/** The update methods every Store has. */
export interface UpdateStore {
  /** Stores the next version of `change`'s update (numbered one past its newest), and resolves with it. */
  addUpdateVersion(change: string, version: NewUpdateVersion, now?: Date): Promise<UpdateVersion>;
  /** Every version of `change`'s update, oldest first (none: an empty list). */
  listUpdateVersions(change: string): Promise<UpdateVersion[]>;
  /** The newest version of every change's update, by change id. */
  latestUpdateVersions(): Promise<UpdateVersion[]>;
  /**
   * Stores each version whose change and number are not stored yet, as it is (its time
   * included), in one transaction; resolves with how many were stored (migrate-store).
   */
  importUpdateVersions(versions: readonly UpdateVersion[]): Promise<number>;
  /** The locales that non-spam responses to `change` were given in. */
  changeLocales(change: string): Promise<string[]>;
}

/** A stored row, as both stores give it once JSON and flags are read. */
export interface UpdateRow {
  change: string;
  version: number | string;
  kind: string;
  status: string | null;
  update_date: string | null;
  texts: Record<string, UpdateText>;
  show_figures: boolean;
  published_by: string;
  created_at: string;
}

/** A row as an UpdateVersion. */
export function toUpdateVersion(row: UpdateRow): UpdateVersion {
  return {
    change: row.change,
    version: Number(row.version),
    kind: row.kind === 'withdrawn' ? 'withdrawn' : 'published',
    ...(row.status !== null && { status: row.status as UpdateStatus }),
    ...(row.update_date !== null && { date: row.update_date }),
    texts: row.texts,
    showFigures: row.show_figures,
    publishedBy: row.published_by,
    createdAt: row.created_at,
  };
}
