import type { Lang } from '../i18n/lang.js';
import type { NamedSheet, Row, SheetDetected } from '../sheets/types.js';

// The sheet's own shapes live with the reader; re-exported for the many users of records' types.
export type { NamedSheet, Row, RowStray, SheetDetected } from '../sheets/types.js';

/** The roles a sheet can name (the API's create roles, spelled as it spells them). */
export type RecordRole = 'admin' | 'user' | 'multi_guest' | 'guest';

export type Severity = 'error' | 'warning';

export interface Issue {
  /** 1-based row number; 0 for file-level issues (e.g. unknown columns). */
  row: number;
  /** Column header as written in the file ('' when not about one column). */
  column: string;
  value: string;
  message: string;
  severity: Severity;
  /** The warning matters only if the row creates a user (the import's plan checks it then). */
  onlyWhenCreating?: true;
}

export type CanonicalColumn =
  | 'email' | 'first_name' | 'last_name' | 'middle_name' | 'full_name' | 'nickname'
  | 'phone_number' | 'department' | 'title' | 'role' | 'tags' | 'suspended' | 'chats' | 'chat_ids'
  | 'photo' | 'action' | 'status_emoji' | 'status_title' | 'status_expires_at' | 'status_is_away'
  | 'status_away_message';

export type RecordAction = 'create' | 'update' | 'upsert' | 'suspend' | 'restore' | 'offboard' | 'delete' | 'skip';

/** Status columns of one row. `clear: true` when status_title is '-'. */
export interface StatusFields {
  clear?: boolean;
  emoji?: string;
  title?: string;
  expires_at?: string;
  is_away?: boolean;
  away_message?: string;
}

/**
 * One normalized, validated employee row. A field is `undefined` when its cell is
 * absent or empty ("leave alone"), so a plan can tell "not given" from a value.
 */
export interface EmployeeRecord {
  email: string;
  first_name?: string;
  last_name?: string;
  middle_name?: string;
  nickname?: string;
  phone_number?: string;
  department?: string;
  title?: string;
  role?: RecordRole;
  /** undefined: no tags column or empty cell. */
  tags?: string[];
  suspended?: boolean;
  chat_ids?: number[];
  /** Chats named by name or id (`chats` column), split like tags; resolved against the chats the token sees by the plan. */
  chats?: string[];
  /** A photo file's path as written (`photo` column), relative to the sheet's folder. */
  photo?: string;
  action: RecordAction;
  status?: StatusFields;
  /** Custom property values by the column's property name (resolved against the directory later). */
  customByName: Record<string, string>;
  /** Canonical fields whose cell was present but empty (for --blank-clears). */
  blankFields: string[];
  /** The row it came from; `cells` is the row's own map (shared, not copied: large sheets). */
  source: { rowNumber: number; cells: ReadonlyMap<string, string> };
}

export interface ColumnMapping {
  /** Header as written -> canonical column, or `custom:NAME` for a custom property. */
  byHeader: Map<string, CanonicalColumn | `custom:${string}`>;
  /** Headers that mapped to nothing. */
  unknown: string[];
}

export interface ValidatedSheet {
  detected: SheetDetected;
  mapping: ColumnMapping;
  /** Every data row, in file order, including invalid ones (for the report). */
  rows: Row[];
  /** Valid records, in file order. */
  records: EmployeeRecord[];
  /** Row numbers that are invalid. */
  invalidRows: Set<number>;
  issues: Issue[];
  /** The companion sheets asked for that the workbook has, by lower-cased name (read in the same pass). */
  companions?: ReadonlyMap<string, NamedSheet>;
  /** The language its messages are in (and the plan's sheet warnings will be); English when absent. */
  lang?: Lang;
}
