import { createPost, type Post } from '../post';

/**
 * Mastodon statuses to posts: the HTML `content` reduced to plain text, boosts told apart, and the
 * streaming API's `{ event, payload }` messages read. Pure, so hostile HTML is tested without a server.
 */

/** Plain text and the absolute links of an HTML fragment. */
export interface HtmlText {
  text: string;
  /** `href`s of `<a>` that are not mention or hashtag links, http(s) only, in document order. */
  links: string[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', middot: '·', bull: '•', euro: '€',
};

/** Elements whose content is not text (a hostile server could send them; Mastodon strips them). */
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'title', 'head']);
/** Elements that end a line when they open or close. */
const LINE_BREAK = new Set(['br', 'li', 'div', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr']);
/** Elements that separate paragraphs. */
const PARAGRAPH = new Set(['p', 'blockquote', 'ul', 'ol', 'table']);

/** Decodes `&name;`, `&#123;` and `&#x1F600;` once; unknown names stay as written, invalid code points become U+FFFD. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    const invalid = cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
    return invalid ? '\uFFFD' : String.fromCodePoint(cp);
  });
}

/** Index just past the `>` that ends the tag starting at `start`, honouring quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return html.length;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  // The leading [^\s...]+ and the value alternatives never overlap, so matching stays linear.
  const re = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const afterName = tag.search(/\s/);
  re.lastIndex = afterName < 0 ? tag.length : afterName;
  for (let m = re.exec(tag); m !== null; m = re.exec(tag)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/**
 * Reduces Mastodon's HTML `content` to text: tags stripped, entities decoded once, `<br>` to a
 * newline, paragraphs separated by a blank line, source whitespace collapsed as a browser would,
 * the content of `<script>`/`<style>` and comments dropped. Runs in time linear in the input.
 *
 * @example htmlToText('<p>Hi &amp; bye<br>x</p><p>y</p>') // { text: 'Hi & bye\nx\n\ny', links: [] }
 */
export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  const links: string[] = [];
  const text = (raw: string) => {
    if (raw.length > 0) out.push(decodeEntities(raw.replace(/[ \t\n\r\f]+/g, ' ')));
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (name === null) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        i = tagEnd(html, lt); // doctype, CDATA, processing instruction: not text
      } else {
        out.push('<'); // a bare "<" as in "a < b"
        i = lt + 1;
      }
      continue;
    }
    const end = tagEnd(html, lt);
    const closing = name[1] === '/';
    const tag = (name[2] ?? '').toLowerCase();
    i = end;
    if (!closing && SKIP_CONTENT.has(tag)) {
      const closeTag = new RegExp(`</${tag}`, 'ig');
      closeTag.lastIndex = end;
      const close = closeTag.exec(html);
      i = close === null ? html.length : tagEnd(html, close.index);
    } else if (LINE_BREAK.has(tag)) {
      out.push('\n');
    } else if (PARAGRAPH.has(tag)) {
      out.push('\n\n');
    } else if (tag === 'a' && !closing) {
      const attrs = attributes(html.slice(lt, end));
      const cls = ` ${attrs.get('class') ?? ''} `;
      const href = attrs.get('href') ?? '';
      if (/^https?:\/\//i.test(href) && !/\s(mention|hashtag)\s/.test(cls) && !/\btag\b/.test(attrs.get('rel') ?? '')) {
        links.push(href);
      }
    }
  }
  const joined = out
    .join('')
    // Spaces next to a line break are layout, not content; control characters are never content.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: joined, links };
}

export type StatusResult =
  | { kind: 'post'; post: Post }
  /** A boost repeats someone else's post; counting it would count that post twice. */
  | { kind: 'boost'; id: string }
  | { kind: 'malformed'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A Mastodon status (REST entity or streaming `update` payload) to a {@link Post} (source `mastodon`): text from `spoiler_text` and `content`, language
 * from `language`, hashtags from `tags[].name`, mentions from `mentions[].acct`, links from the
 * content's anchors. Boosts (`reblog` non-null) are told apart; anything unusable is `malformed`.
 */
export function statusToPost(status: unknown): StatusResult {
  if (!isRecord(status)) return { kind: 'malformed', message: 'status is not an object' };
  const { id, created_at: createdAt, content } = status;
  if (typeof id !== 'string' || id.length === 0) return { kind: 'malformed', message: 'status without an id' };
  if (status.reblog !== null && status.reblog !== undefined) return { kind: 'boost', id };
  if (typeof content !== 'string') return { kind: 'malformed', message: `status ${id}: content is not a string` };
  const time = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  if (!Number.isFinite(time)) return { kind: 'malformed', message: `status ${id}: bad created_at` };
  const body = htmlToText(content);
  const spoiler = typeof status.spoiler_text === 'string' ? status.spoiler_text.trim() : '';
  const account = isRecord(status.account) ? status.account : {};
  const names = (list: unknown, field: string, prefix: string): string[] =>
    Array.isArray(list)
      ? list.flatMap((x) => (isRecord(x) && typeof x[field] === 'string' && x[field] !== '' ? [prefix + (x[field] as string)] : []))
      : [];
  const text = spoiler === '' ? body.text : `${spoiler}\n\n${body.text}`;
  const lang = typeof status.language === 'string' && status.language !== '' ? status.language : null;
  const post = createPost(id, text, time, typeof account.acct === 'string' ? account.acct : null, lang, 'mastodon');
  post.hashtags = names(status.tags, 'name', '#');
  post.mentions = names(status.mentions, 'acct', '@');
  post.links = body.links;
  return { kind: 'post', post };
}

/** Streaming events that are known and carry no new post. */
const OTHER_EVENTS = new Set([
  'delete', 'status.update', 'notification', 'conversation', 'filters_changed', 'announcement',
  'announcement.reaction', 'announcement.delete', 'encrypted_message', 'notifications_merged',
]);

export type StreamingMessage =
  | { kind: 'update'; status: StatusResult }
  | { kind: 'other'; event: string }
  | { kind: 'unknown'; event: string }
  | { kind: 'malformed'; message: string };

/**
 * One websocket message of `GET /api/v1/streaming`: `{ stream: [...], event, payload }`, where an
 * `update`'s payload is the status as a JSON string.
 */
export function parseStreamingMessage(raw: string): StreamingMessage {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return { kind: 'malformed', message: 'message is not JSON' };
  }
  if (!isRecord(msg) || typeof msg.event !== 'string') return { kind: 'malformed', message: 'message without an event' };
  if (msg.event !== 'update') return OTHER_EVENTS.has(msg.event) ? { kind: 'other', event: msg.event } : { kind: 'unknown', event: msg.event };
  if (typeof msg.payload !== 'string') return { kind: 'malformed', message: 'update payload is not a string' };
  let status: unknown;
  try {
    status = JSON.parse(msg.payload);
  } catch {
    return { kind: 'malformed', message: 'update payload is not JSON' };
  }
  return { kind: 'update', status: statusToPost(status) };
}

/**
 * Orders status ids. Mastodon ids are decimal snowflakes past 2^53 and Pleroma's are fixed-width
 * base62, so compare by length, then character by character, never as JS numbers.
 */
export function compareStatusIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
