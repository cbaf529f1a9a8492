// What the public may see of a change's update: the newest published version and the versions
// published before it, never anything before a withdrawal (a withdrawn update is taken down with
// its history), never who published it, and the headline figures only when the owner chose,
// suppressed as every summary is (summary/).
import { createHash } from 'node:crypto';
import { MIN_CELL } from '../summary/suppression.js';
import type { ChangeItem, Interval } from '../summary/types.js';
import type { UpdateStatus, UpdateText, UpdateVersion } from '../store/updates.js';

/** One published version, as the public sees it. */
export interface PublicVersion {
  version: number;
  status: UpdateStatus;
  date: string;
  publishedAt: string;
  texts: Record<string, UpdateText>;
}

/** The headline figures: as of a date, or suppressed (fewer than `minimumCell` people). */
export type PublicFigures = { asOf: string; minimumCell: number } & ({ responses: number; welcomed: Interval } | { suppressed: true });

/** GET /api/changes/<change>/update, and what GET /changes/<change> shows. */
export interface PublicUpdate extends PublicVersion {
  change: string;
  /** The public page's path on the receiver. */
  page: string;
  /** Present only when the owner chose to show them. */
  figures?: PublicFigures;
  /** Earlier published versions, newest first. */
  history: PublicVersion[];
}

const toPublic = (version: UpdateVersion): PublicVersion => ({
  version: version.version,
  status: version.status!,
  date: version.date!,
  publishedAt: version.createdAt,
  texts: version.texts,
});

/** The versions the public may see, newest first: none when there is no update or it is withdrawn. */
export function visibleVersions(versions: readonly UpdateVersion[]): UpdateVersion[] {
  const visible: UpdateVersion[] = [];
  for (let index = versions.length - 1; index >= 0 && versions[index]!.kind === 'published'; index--) visible.push(versions[index]!);
  return visible;
}

/**
 * The public update of `change` from all its versions (oldest first), or null when nothing is
 * published. `figures`: the change's cell of the summary overview (undefined: no responses).
 */
export function publicUpdate(
  change: string,
  versions: readonly UpdateVersion[],
  figures: ChangeItem | undefined,
  now: Date,
): PublicUpdate | null {
  const [latest, ...earlier] = visibleVersions(versions);
  if (!latest) return null;
  const asOf = now.toISOString().slice(0, 10);
  const shown: PublicFigures | undefined = !latest.showFigures
    ? undefined
    : figures && 'responses' in figures
      ? { asOf, minimumCell: MIN_CELL, responses: figures.responses, welcomed: figures.welcomed }
      : { asOf, minimumCell: MIN_CELL, suppressed: true };
  return {
    change,
    page: `/changes/${change}`,
    ...toPublic(latest),
    ...(shown && { figures: shown }),
    history: earlier.map(toPublic),
  };
}

/** A strong ETag for a JSON body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
