// A row's cells as a read-only map from header to text, stored compactly: every row of a sheet
// shares one header layout and keeps only an array of its values. A 100,000-row sheet is held
// in memory for the report, and a Map per row costs several times as much.

/** Header -> column position, shared by every row of one sheet. */
export class RowLayout {
  readonly headers: readonly string[];
  private readonly positions: ReadonlyMap<string, number>;

  constructor(headers: readonly string[]) {
    this.headers = headers;
    this.positions = new Map(headers.map((header, position) => [header, position]));
  }

  position(header: string): number | undefined {
    return this.positions.get(header);
  }
}

export class RowCells implements ReadonlyMap<string, string> {
  constructor(
    private readonly layout: RowLayout,
    /** One value per layout header, in layout order. */
    private readonly texts: readonly string[],
  ) {}

  /** The sheet's headers, one array shared by every row of the sheet. */
  get headers(): readonly string[] {
    return this.layout.headers;
  }

  get size(): number {
    return this.layout.headers.length;
  }

  get(header: string): string | undefined {
    const position = this.layout.position(header);
    return position === undefined ? undefined : this.texts[position];
  }

  has(header: string): boolean {
    return this.layout.position(header) !== undefined;
  }

  *entries(): MapIterator<[string, string]> {
    const { headers } = this.layout;
    for (let position = 0; position < headers.length; position++) yield [headers[position]!, this.texts[position] ?? ''];
  }

  keys(): MapIterator<string> {
    return this.layout.headers[Symbol.iterator]() as MapIterator<string>;
  }

  *values(): MapIterator<string> {
    yield* this.texts;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
