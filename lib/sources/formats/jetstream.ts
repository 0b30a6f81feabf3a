import { createPost } from '../../post';
import { isBlank } from './fields';
import { malformed, readJsonLine, skipped, type ParseResult } from './result';

const POST_COLLECTION = 'app.bsky.feed.post';
const TAG = 'app.bsky.richtext.facet#tag';
const MENTION = 'app.bsky.richtext.facet#mention';
const LINK = 'app.bsky.richtext.facet#link';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Parses one raw Bluesky Jetstream frame (one JSON object per line). See {@link parseJetstreamEvent}.
 * @param source `replay` for a recorded file, `bluesky` for the live websocket
 */
export function parseJetstreamLine(line: string, source: string): ParseResult {
  const read = readJsonLine(line);
  if ('result' in read) return read.result;
  const v = read.value;
  return parseJetstreamEvent(v, source);
}

/**
 * Turns a decoded Jetstream event into a post.
 *
 * A post is a `kind: "commit"` event whose `commit.operation` is `create` and
 * `commit.collection` is `app.bsky.feed.post`:
 * - `id` = `did/rkey`, `author` = the did, `lang` = `record.langs[0]` or null;
 * - `createdAt` = floor(`time_us` / 1000): the event time at the relay, not the client-claimed
 *   `record.createdAt`, so event time only moves forward as Jetstream's cursor does;
 * - `hashtags` from `#tag` facets and `record.tags` (with `#`, deduplicated), `links` from
 *   `#link` facets (http/https only), `mentions` from `#mention` facets as the text the facet
 *   covers (`@alice.bsky.social`). Facet `index.byteStart/byteEnd` count UTF-8 bytes of
 *   `record.text`, so the text is sliced as bytes; a facet whose range is out of bounds or cuts
 *   a character is ignored, not fatal.
 *
 * Skipped (`{ ok: false, skip: true }`), since they are valid frames that are not new posts:
 * identity and account events, commits that update or delete, other collections, and posts with
 * empty text (image-only posts carry no sentiment). Malformed: not an object, a commit without
 * `did`/`rkey`/`time_us`, a post record whose `text` is not a string, an unknown `kind`.
 */
export function parseJetstreamEvent(v: unknown, source: string): ParseResult {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return malformed('not a JSON object');
  const ev = v as Record<string, unknown>;
  if (ev.kind === 'identity' || ev.kind === 'account') return skipped(`${ev.kind} event`);
  if (ev.kind !== 'commit') return malformed(`unknown event kind ${JSON.stringify(ev.kind)?.slice(0, 40)}`);
  const commit = ev.commit;
  if (typeof commit !== 'object' || commit === null) return malformed('commit event without commit');
  const c = commit as Record<string, unknown>;
  if (c.collection !== POST_COLLECTION) return skipped(`collection ${String(c.collection)}`);
  if (c.operation !== 'create') return skipped(`${String(c.operation)} operation`);
  if (typeof ev.did !== 'string' || ev.did === '') return malformed('missing did');
  if (typeof c.rkey !== 'string' || c.rkey === '') return malformed('missing commit.rkey');
  if (typeof ev.time_us !== 'number' || !Number.isFinite(ev.time_us)) return malformed('missing time_us');
  const record = c.record;
  if (typeof record !== 'object' || record === null) return malformed('create without record');
  const r = record as Record<string, unknown>;
  if (typeof r.text !== 'string') return malformed('record.text is not a string');
  if (isBlank(r.text)) return skipped('post without text');

  const langs = r.langs;
  const lang = Array.isArray(langs) && typeof langs[0] === 'string' && langs[0] !== '' ? langs[0] : null;
  const post = createPost(`${ev.did}/${c.rkey}`, r.text, Math.floor(ev.time_us / 1000), ev.did, lang, source);
  const entities = readFacets(r.text, r.facets);
  if (Array.isArray(r.tags)) {
    for (const t of r.tags) if (typeof t === 'string' && t !== '') entities.hashtags.add(t.startsWith('#') ? t : `#${t}`);
  }
  if (entities.hashtags.size > 0) post.hashtags = [...entities.hashtags];
  if (entities.mentions.length > 0) post.mentions = entities.mentions;
  if (entities.links.length > 0) post.links = entities.links;
  return { ok: true, post };
}

function readFacets(text: string, facets: unknown): { hashtags: Set<string>; mentions: string[]; links: string[] } {
  const out = { hashtags: new Set<string>(), mentions: [] as string[], links: [] as string[] };
  if (!Array.isArray(facets)) return out;
  let bytes: Uint8Array | null = null;
  for (const facet of facets) {
    if (typeof facet !== 'object' || facet === null) continue;
    const f = facet as { index?: { byteStart?: unknown; byteEnd?: unknown }; features?: unknown };
    if (!Array.isArray(f.features)) continue;
    for (const feature of f.features) {
      if (typeof feature !== 'object' || feature === null) continue;
      const feat = feature as Record<string, unknown>;
      if (feat.$type === TAG && typeof feat.tag === 'string' && feat.tag !== '') {
        out.hashtags.add(feat.tag.startsWith('#') ? feat.tag : `#${feat.tag}`);
      } else if (feat.$type === LINK && typeof feat.uri === 'string' && /^https?:\/\//i.test(feat.uri)) {
        out.links.push(feat.uri);
      } else if (feat.$type === MENTION) {
        bytes ??= encoder.encode(text);
        const handle = sliceBytes(bytes, f.index?.byteStart, f.index?.byteEnd);
        if (handle !== null) out.mentions.push(handle.startsWith('@') ? handle : `@${handle}`);
      }
    }
  }
  return out;
}

function sliceBytes(bytes: Uint8Array, start: unknown, end: unknown): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  const s = start as number;
  const e = end as number;
  if (s < 0 || e > bytes.length || s >= e) return null;
  // A UTF-8 continuation byte (10xxxxxx) at either edge means the range cuts a character.
  if (isContinuation(bytes[s]) || (e < bytes.length && isContinuation(bytes[e]))) return null;
  return decoder.decode(bytes.subarray(s, e)).trim() || null;
}

function isContinuation(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}
