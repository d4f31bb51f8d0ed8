// The plan's data: what an import would change, as plain data (printed, saved as plan.json, applied).
import type { StatusUpdateRequest, UserCreateRequest, UserUpdateRequest, WriteScope } from '../pachca/types.js';

export type PlanItemKind =
  | 'create-tag' | 'rename-tag' | 'delete-tag' | 'create' | 'update' | 'unchanged' | 'suspend' | 'restore' | 'delete'
  | 'set-status' | 'clear-status' | 'skip' | 'invalid';

export const PLAN_ITEM_KINDS: readonly PlanItemKind[] = [
  'create-tag', 'rename-tag', 'delete-tag', 'create', 'update', 'suspend', 'restore', 'delete', 'set-status', 'clear-status',
  'unchanged', 'skip', 'invalid',
];

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A cell changed both in the sheet and in Pachca since the export it came from (three-way merge). */
export interface FieldConflict {
  field: string;
  exported: string | null;
  sheet: string | null;
  pachca: string | null;
}

export type UserRequest =
  | { method: 'POST'; path: '/users'; body: UserCreateRequest }
  | { method: 'PUT'; path: string; userId: number; body: UserUpdateRequest }
  | { method: 'DELETE'; path: string; userId: number };

/** `path` holds `{id}` when the user is created by the same item. */
export type StatusRequest =
  | { method: 'PUT'; path: string; body: StatusUpdateRequest }
  | { method: 'DELETE'; path: string };

export interface PlanItem {
  /** Stable identity across runs of the same input: `row:12`, `tag:backend`, `missing:345`, `tags-row:5` (Tags sheet). */
  key: string;
  /** The main effect; a row that changes the user and its status is `create`/`update`/... with both requests. */
  kind: PlanItemKind;
  row?: number;
  email?: string;
  name?: string;
  userId?: number;
  /** create-tag: the tag's name as the sheet spells it first; rename-tag: the new name; delete-tag: the name. */
  tagName?: string;
  /** rename-tag, delete-tag (and other Tags-sheet rows when known): the tag's id. */
  tagId?: number;
  changes: FieldChange[];
  userRequest?: UserRequest;
  statusRequest?: StatusRequest;
  /** Lower-cased names of tags this row's request carries that a create-tag or rename-tag item of this plan makes exist. */
  needsTags?: string[];
  /** Why a row is invalid or skipped, or a note about it. */
  message?: string;
  /** Cells changed both in the sheet and in Pachca since the export (left alone unless preferSheet). */
  conflicts?: FieldConflict[];
}

export type TagsMode = 'merge' | 'replace';

export interface PlanOptions {
  tags: TagsMode;
  createTags: boolean;
  blankClears: boolean;
  allowDelete: boolean;
  suspendMissing: boolean;
  /** "N" users or "N%" of active non-bot users; default 10%. */
  maxSuspend: string;
  skipEmailNotify: boolean;
  /** An edited export: a cell changed both in the sheet and in Pachca since the export takes the sheet's value (default: Pachca's is kept). */
  preferSheet?: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  tags: 'merge',
  createTags: true,
  blankClears: false,
  allowDelete: false,
  suspendMissing: false,
  maxSuspend: '10%',
  skipEmailNotify: false,
};

export interface PlanSelf {
  /** The token's own user (from /profile). */
  selfId: number;
  /** The workspace Owner, when known. */
  ownerId?: number;
}

export interface Plan {
  items: PlanItem[];
  counts: Record<PlanItemKind, number>;
  /** Scopes the writes of this plan need. */
  requiredScopes: WriteScope[];
  /** Plan-level notes (e.g. a middle_name column that has nowhere to go). */
  warnings: string[];
  /** Custom property columns: header as written -> definition. */
  customColumns: { header: string; id: number; name: string }[];
}
