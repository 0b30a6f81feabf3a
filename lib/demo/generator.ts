import { createPost, type Post } from '../post';
import { chance, hashSeed, mulberry32, pick, poisson, weighted, type Rng } from './prng';
import {
  DEMO_LANGS,
  EMOJI,
  HANDLE_WORDS,
  NAMES,
  OTHER_LANG_LINES,
  SLANG,
  TOPICS,
  type DemoLang,
  type Moment,
  type Tone,
  type Topic,
} from './topics';

export interface DemoGeneratorOptions {
  /** Any integer; the same seed gives the same stream. */
  seed: number;
  /** Average posts per second over a long run (bursts go above it, lulls below). */
  rate: number;
}

export interface DemoGenerator {
  readonly seed: number;
  /** Average posts/s. */
  readonly rate: number;
  /**
   * The posts whose createdAt falls in [fromMs, toMs), in createdAt order.
   *
   * The stream is a function of event time alone: every second of time has its own posts, drawn
   * from a PRNG seeded by (seed, second), so splitting a range differently gives the same posts
   * (`postsBetween(a, c)` equals `postsBetween(a, b)` followed by `postsBetween(b, c)`).
   * Ids are `demo-<seed>-<second>-<i>`, unique for a seed.
   */
  postsBetween(fromMs: number, toMs: number): Post[];
}

// Chances of the decorations that make a post read like a post.
const P_HASHTAG = 0.7;
const P_SECOND_HASHTAG = 0.18;
const P_LOWERCASE_TAG = 0.12;
const P_EMOJI = 0.45;
const P_OPENER = 0.12;
const P_CLOSER = 0.1;
const P_MENTION = 0.1;
const P_LINK = 0.05;
const P_LINK_NEUTRAL = 0.18;
const P_OFFICIAL = 0.025;
const P_OTHER_LANG = 0.02;
const P_LANG_UNTAGGED = 0.04;
/** A minute may carry a surprise spike of one topic (something went viral). */
const P_MINUTE_SPIKE = 0.2;

/**
 * Creates the out-of-the-box stream: Twitter-style posts about five running stories (a phone
 * launch that turns sour, a football match with a late winner, a city's transit and weather, a
 * show's finale, an AI assistant), in English with some Portuguese and Spanish and a sprinkle of
 * other languages, with hashtags, mentions, links, emoji and slang.
 *
 * Each topic follows its own cycle (15 to 30 minutes of event time) that moves its volume and
 * mood: the launch goes from excited to angry over about 10 minutes; the match bursts at its 88th
 * minute goal (English home fans cheer, Spanish away fans despair); rush hour is grumpy and the
 * sunny afternoon is not. Per second, the count is Poisson around `rate` times the current
 * intensity, normalized so that the long-run average is `rate`.
 *
 * Pure: time comes in as arguments, randomness from a seeded mulberry32.
 *
 * @example
 *   const gen = createDemoGenerator({ seed: 7, rate: 50 });
 *   gen.postsBetween(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 1)); // about 3000 posts
 */
export function createDemoGenerator(options: DemoGeneratorOptions): DemoGenerator {
  const { seed, rate } = options;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isFinite(rate) || rate <= 0) throw new Error(`rate must be a positive number of posts per second, got ${rate}`);

  // Each topic starts its cycle at a seed-dependent point, so seeds differ in more than wording.
  const phase = TOPICS.map((t, i) => hashSeed(seed, 0x70c1c, i) % t.periodS);
  // The long-run mean of the summed intensity, so that `rate` is the average (intensity is linear
  // in the topics, so the mean of the sum is the sum of each topic's mean over its own cycle).
  const meanIntensity = TOPICS.reduce((sum, t) => {
    let v = 0;
    for (let s = 0; s < t.periodS; s++) v += t.moment(s).volume;
    return sum + t.weight * (v / t.periodS);
  }, 0);

  // One second of posts is generated whole; ranges that cut seconds regenerate the same second,
  // so the last one is kept (a live source asks for ~150 ms at a time).
  let cached: { second: number; posts: Post[] } | null = null;

  function secondOf(second: number): Post[] {
    if (cached?.second === second) return cached.posts;
    const rng = mulberry32(hashSeed(seed, second));
    const moments = TOPICS.map((t, i) => t.moment(mod(second + (phase[i] as number), t.periodS)));
    const spike = minuteSpike(seed, Math.floor(second / 60), second % 60);
    const weights = TOPICS.map((t, i) => t.weight * (moments[i] as Moment).volume * (i === spike ? 2.5 : 1));
    const intensity = weights.reduce((a, b) => a + b, 0) / meanIntensity;
    const n = poisson(rng, rate * intensity);
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) offsets.push(Math.floor(rng() * 1000));
    offsets.sort((a, b) => a - b);
    const posts: Post[] = [];
    for (let i = 0; i < n; i++) {
      const k = weighted(rng, weights);
      const c = composePost(rng, TOPICS[k] as Topic, moments[k] as Moment);
      posts.push(withEntities(createPost(`demo-${seed}-${second}-${i}`, c.text, second * 1000 + (offsets[i] as number), c.author, c.lang, 'demo')));
    }
    cached = { second, posts };
    return posts;
  }

  return {
    seed,
    rate,
    postsBetween(fromMs, toMs) {
      const out: Post[] = [];
      if (!(toMs > fromMs)) return out;
      const last = Math.ceil(toMs / 1000) - 1;
      for (let s = Math.floor(fromMs / 1000); s <= last; s++) {
        for (const p of secondOf(s)) if (p.createdAt >= fromMs && p.createdAt < toMs) out.push(p);
      }
      return out;
    },
  };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** The topic index that spikes during this second (20 s from a random start), or -1. */
function minuteSpike(seed: number, minute: number, secondInMinute: number): number {
  const rng = mulberry32(hashSeed(seed, 0x5b1ce, minute));
  if (!chance(rng, P_MINUTE_SPIKE)) return -1;
  const topic = Math.floor(rng() * TOPICS.length);
  const start = Math.floor(rng() * 40);
  return secondInMinute >= start && secondInMinute < start + 20 ? topic : -1;
}

type Composed = Pick<Post, 'text' | 'author' | 'lang'>;

function composePost(rng: Rng, topic: Topic, m: Moment): Composed {
  if (topic.official && chance(rng, P_OFFICIAL)) {
    return { text: fill(rng, pick(rng, topic.official.lines), topic, m), author: topic.official.author, lang: 'en' };
  }
  if (chance(rng, P_OTHER_LANG)) {
    const other = pick(rng, OTHER_LANG_LINES);
    return { text: `${other.text} ${pick(rng, topic.hashtags)}`, author: handle(rng, 'en'), lang: other.lang };
  }
  const lang = DEMO_LANGS[weighted(rng, topic.langs)] as DemoLang;
  const mood = m.byLang?.[lang] ?? m;
  const tone: Tone = (['pos', 'neg', 'neu'] as const)[weighted(rng, [mood.pos, mood.neg, Math.max(0, 1 - mood.pos - mood.neg)])] as Tone;
  const lines = topic.lines[m.stage]?.[lang]?.[tone] ?? (topic.lines.any?.[lang]?.[tone] as readonly string[]);
  let text = fill(rng, pick(rng, lines), topic, m);

  const slang = SLANG[lang];
  if (chance(rng, P_OPENER)) text = `${pick(rng, slang.open)} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  if (chance(rng, P_CLOSER)) text = `${text} ${pick(rng, slang.close[tone])}`;
  if (m.shout && chance(rng, m.shout)) text = text.toUpperCase();
  const tail: string[] = [];
  if (!text.includes('@') && chance(rng, P_MENTION)) tail.push(chance(rng, 0.5) ? `cc ${pick(rng, topic.mentions)}` : pick(rng, topic.mentions));
  if (chance(rng, tone === 'neu' ? P_LINK_NEUTRAL : P_LINK)) tail.push(pick(rng, topic.links));
  if (chance(rng, P_HASHTAG)) {
    const tags = [pick(rng, topic.hashtags)];
    if (chance(rng, P_SECOND_HASHTAG)) tags.push(pick(rng, topic.hashtags));
    for (const tag of new Set(tags)) tail.push(chance(rng, P_LOWERCASE_TAG) ? tag.toLowerCase() : tag);
  }
  if (chance(rng, P_EMOJI)) {
    const e = pick(rng, EMOJI[tone]);
    // People repeat an emoji more often than they mix them.
    tail.push(chance(rng, 0.3) ? e.repeat(2 + Math.floor(rng() * 2)) : e);
  }
  if (tail.length > 0) text = `${text} ${tail.join(' ')}`;
  return { text, author: handle(rng, lang), lang: lang === 'en' && chance(rng, P_LANG_UNTAGGED) ? null : lang };
}

function fill(rng: Rng, template: string, topic: Topic, m: Moment): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const fixed = m.vars?.[name];
    if (fixed !== undefined) return fixed;
    const options = topic.slots[name];
    return options ? pick(rng, options) : whole;
  });
}

function handle(rng: Rng, lang: DemoLang): string {
  const name = pick(rng, NAMES[lang]);
  switch (Math.floor(rng() * 4)) {
    case 0:
      return `${name}_${pick(rng, HANDLE_WORDS)}`;
    case 1:
      return `${name}${10 + Math.floor(rng() * 90)}`;
    case 2:
      return `${name}.${String.fromCharCode(97 + Math.floor(rng() * 26))}`;
    default:
      return `${name}${pick(rng, HANDLE_WORDS)}`;
  }
}

const HASHTAG_RE = /#[\p{L}\p{N}_]+/gu;
const MENTION_RE = /@[A-Za-z0-9_]+/g;
const LINK_RE = /https?:\/\/[^\s]+/g;

/** The generator knows its entities, as X's API gives them, so it fills them structurally. */
function withEntities(p: Post): Post {
  const hashtags = p.text.match(HASHTAG_RE);
  const mentions = p.text.match(MENTION_RE);
  const links = p.text.match(LINK_RE);
  if (hashtags) p.hashtags = [...new Set(hashtags)];
  if (mentions) p.mentions = [...new Set(mentions)];
  if (links) p.links = links;
  return p;
}
