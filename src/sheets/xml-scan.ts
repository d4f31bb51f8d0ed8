// A small streaming XML tokenizer for the parts of a workbook: tags and text, fed in chunks.
// It knows nothing of a namespace but drops a tag's prefix, decodes entities and normalizes line
// ends in text as an XML parser does, and builds no tree: the workbook reader keeps what it needs.

/** What a part's reader does with the tags and text it is given. */
export interface XmlHandler {
  /**
   * A tag opens; `name` has no prefix. Its attributes are in `text` from `start` to `end` (the
   * tag's '<' and '>'), for attribute(): the tag is not cut out as a string of its own.
   */
  open(name: string, text: string, start: number, end: number): void;
  close(name: string): void;
  /** Decoded text (entities, CDATA and line ends done); one text node may come in several pieces. */
  text(piece: string): void;
}

/** XML the reader cannot make sense of (a tag never closed, a stray '<'). */
export class MalformedXmlError extends Error {
  constructor(detail: string) {
    super(`malformed XML (${detail})`);
    this.name = 'MalformedXmlError';
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;
/** A tag or comment longer than this without its end is not XML a spreadsheet program wrote. */
const MAX_PENDING_CHARS = 64 * 1024 * 1024;

export class XmlScanner {
  private carry = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk;
    const stop = this.scan(text, false);
    this.carry = stop < text.length ? text.slice(stop) : '';
    if (this.carry.length > MAX_PENDING_CHARS) throw new MalformedXmlError('a tag that never ends');
  }

  end(): void {
    if (this.carry === '') return;
    const stop = this.scan(this.carry, true);
    if (stop < this.carry.length) throw new MalformedXmlError('the text ends inside a tag');
    this.carry = '';
  }

  /** Handles what is complete in `text`; returns where the unfinished rest starts. */
  private scan(text: string, final: boolean): number {
    const { handler } = this;
    const length = text.length;
    let at = 0;
    while (at < length) {
      const lt = text.indexOf('<', at);
      if (lt < 0) {
        // Text up to the end: hand over what cannot be part of an entity or a CR LF cut in two.
        let end = length;
        if (!final) {
          const amp = text.lastIndexOf('&');
          if (amp >= at && text.indexOf(';', amp) < 0) end = amp;
          if (end > at && text.charCodeAt(end - 1) === 0x0d) end--;
        }
        if (end > at) handler.text(decodeText(text.slice(at, end)));
        return end;
      }
      if (lt > at) handler.text(decodeText(text.slice(at, lt)));
      const next = text.charCodeAt(lt + 1);
      if (next === BANG) {
        if (text.startsWith('<![CDATA[', lt)) {
          const close = text.indexOf(']]>', lt + 9);
          if (close < 0) return lt;
          handler.text(normalizeLineEnds(text.slice(lt + 9, close)));
          at = close + 3;
        } else if (text.startsWith('<!--', lt)) {
          const close = text.indexOf('-->', lt + 4);
          if (close < 0) return lt;
          at = close + 3;
        } else {
          // <!DOCTYPE ...>: not in a workbook part; skipped to its '>'.
          const close = text.indexOf('>', lt);
          if (close < 0) return lt;
          at = close + 1;
        }
        continue;
      }
      if (next === QUESTION) {
        const close = text.indexOf('?>', lt + 2);
        if (close < 0) return lt;
        at = close + 2;
        continue;
      }
      const gt = tagEnd(text, lt + 1);
      if (gt < 0) {
        if (lt + 1 >= length || !final) return lt;
        throw new MalformedXmlError('a tag that never ends');
      }
      if (next === SLASH) {
        handler.close(localName(text, lt + 2, gt));
      } else {
        const selfClosing = text.charCodeAt(gt - 1) === SLASH;
        const name = localName(text, lt + 1, selfClosing ? gt - 1 : gt);
        handler.open(name, text, lt, gt);
        // A self-closing tag closes at once: a reader needs no case of its own for <t/>.
        if (selfClosing) handler.close(name);
      }
      at = gt + 1;
    }
    return length;
  }
}

/** The '>' that ends a tag whose name starts at `from` ('>' may stand in a quoted attribute value); -1 if not in `text`. */
function tagEnd(text: string, from: number): number {
  const gt = text.indexOf('>', from);
  if (gt < 0) return -1;
  // Most tags have no '>' inside a value: check the quotes balance before scanning character by character.
  let quote = 0;
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === QUOTE || code === APOSTROPHE) {
      quote = code;
    } else if (code === GT) {
      return index;
    } else if (code === LT) {
      throw new MalformedXmlError('a "<" inside a tag');
    }
  }
  return -1;
}

/** The tag's name without its namespace prefix: "x:row" -> "row". */
function localName(text: string, start: number, end: number): string {
  let nameEnd = start;
  let nameStart = start;
  while (nameEnd < end) {
    const code = text.charCodeAt(nameEnd);
    if (code <= 0x20 || code === SLASH || code === GT) break;
    if (code === COLON) nameStart = nameEnd + 1;
    nameEnd++;
  }
  return text.slice(nameStart, nameEnd);
}

/** Where one attribute's name and value (between its quotes, not decoded) are in a tag's text. */
export interface AttributeSpan {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * Finds the attribute after `at` in a tag that ends at `end` (its '>'), fills `span`, and returns
 * where the next one may start; -1 when there are no more. Start with the tag's '<' position:
 * the tag's name is skipped.
 */
export function nextAttribute(text: string, at: number, end: number, span: AttributeSpan): number {
  if (text.charCodeAt(at) === LT) {
    at++;
    while (at < end && text.charCodeAt(at) > 0x20 && text.charCodeAt(at) !== SLASH) at++;
  }
  while (at < end && text.charCodeAt(at) <= 0x20) at++;
  const nameStart = at;
  while (at < end && text.charCodeAt(at) !== 0x3d && text.charCodeAt(at) > 0x20 && text.charCodeAt(at) !== SLASH) at++;
  const nameEnd = at;
  while (at < end && text.charCodeAt(at) <= 0x20) at++;
  if (nameEnd === nameStart || text.charCodeAt(at) !== 0x3d) return -1; // '/' or '>' (or no value): no more attributes
  at++;
  while (at < end && text.charCodeAt(at) <= 0x20) at++;
  const quote = text.charCodeAt(at);
  if (quote !== QUOTE && quote !== APOSTROPHE) return -1;
  const close = text.indexOf(quote === QUOTE ? '"' : "'", at + 1);
  if (close < 0 || close > end) return -1;
  span.nameStart = nameStart;
  span.nameEnd = nameEnd;
  span.valueStart = at + 1;
  span.valueEnd = close;
  return close + 1;
}

const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/**
 * The value of attribute `name` (with its prefix as written: "r:id") of the tag in `text` from
 * `start` ('<') to `end` ('>'), decoded; undefined when the tag has none.
 */
export function attribute(text: string, name: string, start = 0, end = text.length): string | undefined {
  for (let at = nextAttribute(text, start, end, span); at >= 0; at = nextAttribute(text, at, end, span)) {
    if (span.nameEnd - span.nameStart === name.length && text.startsWith(name, span.nameStart)) {
      return decodeAttribute(text.slice(span.valueStart, span.valueEnd));
    }
  }
  return undefined;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g;

function decodeEntity(match: string, body: string): string {
  if (body.charCodeAt(0) === 0x23) {
    const code = body.charCodeAt(1) === 0x78 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED_ENTITIES[body] ?? match;
}

function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Text between tags as an XML parser hands it over: line ends as "\n", entities decoded. */
export function decodeText(raw: string): string {
  const text = normalizeLineEnds(raw);
  return text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
}

/** An attribute value as an XML parser hands it over (white space characters in it read as spaces). */
export function decodeAttribute(raw: string): string {
  if (isPlain(raw)) return raw;
  const text = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
}

/** No '&' and no white space other than spaces: nothing to decode (most values). */
function isPlain(raw: string): boolean {
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (code === 0x26 || code === 0x09 || code === 0x0a || code === 0x0d) return false;
  }
  return true;
}
