// The plan's data: what an import would change, as plain data (printed, saved as plan.json, applied).
import type { Lang } from '../i18n/lang.js';
import type { MatchOption } from './match.js';
import type { RecordedValues } from './recorded-values.js';
import type { ChatContext } from './plan-chats.js';
import type { RowPhoto } from './plan-photos.js';
import type { AvatarImageType, StatusUpdateRequest, UserCreateRequest, UserUpdateRequest, WriteScope } from '../pachca/types.js';

export const PLAN_ITEM_KINDS = [
  'create-tag', 'rename-tag', 'delete-tag', 'create', 'update', 'suspend', 'restore', 'delete', 'set-status', 'clear-status',
  'unchanged', 'skip', 'invalid',
] as const satisfies readonly PlanItemKind[];

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

export type CreateUserRequest = { method: 'POST'; path: '/users'; body: UserCreateRequest };
export type UpdateUserRequest = { method: 'PUT'; path: string; userId: number; body: UserUpdateRequest };
export type DeleteUserRequest = { method: 'DELETE'; path: string; userId: number };
export type UserRequest = CreateUserRequest | UpdateUserRequest | DeleteUserRequest;

/** `path` holds `{id}` when the user is created by the same item. */
export type StatusRequest =
  | { method: 'PUT'; path: string; body: StatusUpdateRequest }
  | { method: 'DELETE'; path: string };

/** Joins (POST /chats/{id}/members) or leaves (DELETE /chats/{id}/members/{user_id}) one chat. */
export interface ChatMembershipRequest {
  method: 'POST' | 'DELETE';
  chatId: number;
  /** The chat's name as the token sees it (`#id` when unseen), for plans and reports. */
  chatName: string;
}

/** PUT /users/{user_id}/avatar with the image file read at apply time (its size and type were checked when planning). */
export interface PhotoRequest {
  method: 'PUT';
  /** Absolute path of the JPEG or PNG file. */
  file: string;
  type: AvatarImageType;
  size: number;
}

/** Items that never join chats or upload a photo. */
interface NoSideRequests {
  chatRequests?: never;
  photoRequest?: never;
}

/** What every item carries. */
interface ItemBase {
  /** Stable identity across runs of the same input: `row:12`, `tag:backend`, `missing:345`, `tags-row:5` (Tags sheet). */
  key: string;
  /** The sheet row (1-based, as Excel numbers it) the item comes from, when it comes from one. */
  row?: number;
  changes: FieldChange[];
  /** Why a row is invalid or skipped, or a note about it. */
  message?: string;
  /** Cells changed both in the sheet and in Pachca since the export (left alone unless preferSheet). */
  conflicts?: FieldConflict[];
  /** What the fields this item changes held when it was planned (journaled with each step, for undo). */
  before?: RecordedValues;
}

/** The person an item is about, as far as it is known. */
interface PersonFields {
  email?: string;
  name?: string;
  userId?: number;
  tagName?: never;
  tagId?: never;
}

/** A tag item sends no user request. */
interface TagFields extends NoSideRequests {
  email?: never;
  name?: never;
  userId?: never;
  userRequest?: never;
  statusRequest?: never;
  needsTags?: never;
}

export interface CreateTagItem extends ItemBase, TagFields {
  kind: 'create-tag';
  /** The tag's name as the sheet spells it first. */
  tagName: string;
  tagId?: never;
}

export interface RenameTagItem extends ItemBase, TagFields {
  kind: 'rename-tag';
  tagId: number;
  /** The new name. */
  tagName: string;
}

export interface DeleteTagItem extends ItemBase, TagFields {
  kind: 'delete-tag';
  tagId: number;
  tagName: string;
}

export interface CreateUserItem extends ItemBase, PersonFields {
  kind: 'create';
  email: string;
  userId?: never;
  userRequest: CreateUserRequest;
  /** Sent after the create, with `{id}` in its path. */
  statusRequest?: StatusRequest;
  /** Lower-cased names of tags the request carries that a create-tag or rename-tag item of this plan makes exist. */
  needsTags?: string[];
  /** The chats go in the create's chat_ids; only a photo follows it. */
  chatRequests?: never;
  photoRequest?: PhotoRequest;
}

/** A change to an existing person; a row that changes the user and its status carries both requests. */
export interface ChangeUserItem extends ItemBase, PersonFields {
  kind: 'update' | 'suspend' | 'restore';
  userId: number;
  userRequest: UpdateUserRequest;
  statusRequest?: StatusRequest;
  needsTags?: string[];
  /** Sent after the user's PUT (offboarding leaves chats; a row joins them). */
  chatRequests?: ChatMembershipRequest[];
  photoRequest?: PhotoRequest;
  /** An offboarding (suspended, out of every tag, status cleared): named so in the plan and report. */
  offboard?: true;
}

/** A person whose chats, photo (and maybe status) change but whose user record does not: no PUT. */
export interface SideUpdateItem extends ItemBase, PersonFields {
  kind: 'update';
  userId: number;
  userRequest?: never;
  statusRequest?: StatusRequest;
  needsTags?: never;
  chatRequests?: ChatMembershipRequest[];
  photoRequest?: PhotoRequest;
}

export interface DeleteUserItem extends ItemBase, PersonFields, NoSideRequests {
  kind: 'delete';
  userId: number;
  userRequest: DeleteUserRequest;
  statusRequest?: never;
  needsTags?: never;
}

/** Only the status changes. */
export interface StatusItem extends ItemBase, PersonFields, NoSideRequests {
  kind: 'set-status' | 'clear-status';
  userId: number;
  userRequest?: never;
  statusRequest: StatusRequest;
  needsTags?: never;
}

/** Nothing is sent: a row (of the sheet or the Tags sheet) that is unchanged, skipped or invalid. */
export interface QuietItem extends ItemBase, NoSideRequests {
  kind: 'unchanged' | 'skip' | 'invalid';
  email?: string;
  name?: string;
  userId?: number;
  tagName?: string;
  tagId?: number;
  userRequest?: never;
  statusRequest?: never;
  needsTags?: never;
}

export type PlanItem =
  | CreateTagItem | RenameTagItem | DeleteTagItem | CreateUserItem | ChangeUserItem | SideUpdateItem | DeleteUserItem | StatusItem | QuietItem;
export type PlanItemKind = PlanItem['kind'];
export type TagItem = CreateTagItem | RenameTagItem | DeleteTagItem;

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
  /** --match: how rows find their people; absent: by id when the sheet has an id column with values (an export), else by e-mail. */
  match?: MatchOption;
  /** `--chats`: merge (default) adds the sheet's chats; replace also leaves the chats the token sees that the cell does not name. */
  chats?: TagsMode;
  /** `--offboard` (with suspendMissing): the people missing from the sheet are offboarded, not only suspended. */
  offboard?: boolean;
  /** `--leave-chats`: offboarding also takes people out of every chat the token sees. */
  leaveChats?: boolean;
  /** `--photos DIR`, `--photos-key COLUMN`, `--photos-overwrite`. */
  photos?: PhotoOptions;
}

export interface PhotoOptions {
  /** A folder of `<key>.jpg|.jpeg|.png` files (absolute). */
  dir?: string;
  /** The column whose value names a person's file (default the e-mail). */
  key?: string;
  /** Upload even for people who have a photo. */
  overwrite: boolean;
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

/** What the plan knows beyond the directory: the chats the token sees and the rows' photo files (by row number). */
export interface PlanExtras {
  chats?: ChatContext;
  photos?: ReadonlyMap<number, RowPhoto>;
  /** The language of the items' messages (default English). */
  lang?: Lang;
}

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
