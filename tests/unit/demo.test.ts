import { describe, expect, it } from 'vitest';
import { createDemoGenerator } from '../../lib/demo/generator';
import { hashSeed, mulberry32, poisson } from '../../lib/demo/prng';
import type { Post } from '../../lib/post';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

// Lexicon-bearing words the sentences use (AFINN-165, natural's es/pt AFINN); not the scorer itself.
const POSITIVE = /\b(love|amazing|awesome|great|best|happy|excited|beautiful|perfect|good|wow|brilliant|lovely|stunning|masterpiece|impressive|proud|nice|incrível|feliz|lindo|perfeito|maravilhoso|melhor|bom|parabéns|increíble|precioso|hermoso|bueno|gracias|orgullo)\b/iu;
const NEGATIVE = /\b(hate|terrible|awful|worst|disappointed|disappointing|broken|annoying|ridiculous|scam|useless|bad|heartbroken|boring|frustrat\w*|ruined|waste|crying|cheated|raiva|ruim|lixo|pior|decepcionado|triste|vergonha|rabia|desastre|basura|peor|vergüenza|fatal|horrible|mal)\b/iu;

describe('demo generator', () => {
  const gen = createDemoGenerator({ seed: 42, rate: 50 });
  const tenMinutes = gen.postsBetween(T0, T0 + 10 * MIN);

  it('is deterministic for a seed and does not depend on how time is sliced', () => {
    const again = createDemoGenerator({ seed: 42, rate: 50 }).postsBetween(T0, T0 + 10 * MIN);
    expect(again).toEqual(tenMinutes);
    const sliced: Post[] = [];
    const fresh = createDemoGenerator({ seed: 42, rate: 50 });
    for (let t = T0; t < T0 + 10 * MIN; t += 137) sliced.push(...fresh.postsBetween(t, Math.min(t + 137, T0 + 10 * MIN)));
    expect(sliced).toEqual(tenMinutes);
    const other = createDemoGenerator({ seed: 43, rate: 50 }).postsBetween(T0, T0 + MIN);
    expect(other.map((p) => p.text)).not.toEqual(tenMinutes.slice(0, other.length).map((p) => p.text));
  });

  it('returns posts in [from, to), in createdAt order, with unique ids', () => {
    const from = T0 + 1234;
    const to = T0 + 5678;
    const posts = gen.postsBetween(from, to);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.createdAt >= from && p.createdAt < to)).toBe(true);
    expect(tenMinutes.every((p, i) => i === 0 || p.createdAt >= tenMinutes[i - 1]!.createdAt)).toBe(true);
    expect(new Set(tenMinutes.map((p) => p.id)).size).toBe(tenMinutes.length);
    expect(tenMinutes[0]!.id).toMatch(/^demo-42-\d+-\d+$/);
    expect(gen.postsBetween(T0, T0)).toEqual([]);
    expect(tenMinutes.every((p) => p.source === 'demo' && p.text.length > 0 && p.author)).toBe(true);
  });

  it('keeps roughly to the rate: every minute near it, the long run close to it', () => {
    for (const [seed, rate] of [[1, 20], [2, 8]] as const) {
      const g = createDemoGenerator({ seed, rate });
      let total = 0;
      for (let m = 0; m < 30; m++) {
        const n = g.postsBetween(T0 + m * MIN, T0 + (m + 1) * MIN).length;
        // Bursts (a goal, a keynote) lift a minute, lulls lower it, never wildly.
        expect(n / (rate * 60)).toBeGreaterThan(0.5);
        expect(n / (rate * 60)).toBeLessThan(1.8);
        total += n;
      }
      expect(total / (30 * 60 * rate)).toBeGreaterThan(0.85);
      expect(total / (30 * 60 * rate)).toBeLessThan(1.15);
    }
  });

  it('writes mostly English with Portuguese and Spanish, and a few unscored languages', () => {
    const count = (lang: string | null): number => tenMinutes.filter((p) => p.lang === lang).length;
    const n = tenMinutes.length;
    expect(count('en') / n).toBeGreaterThan(0.45);
    expect(count('pt') / n).toBeGreaterThan(0.08);
    expect(count('es') / n).toBeGreaterThan(0.08);
    expect(count(null)).toBeGreaterThan(0);
    expect(tenMinutes.some((p) => p.lang === 'fr' || p.lang === 'de')).toBe(true);
  });

  it('uses hashtags, mentions, links and emoji, with entities matching the text', () => {
    const share = (f: (p: Post) => boolean): number => tenMinutes.filter(f).length / tenMinutes.length;
    expect(share((p) => (p.hashtags?.length ?? 0) > 0)).toBeGreaterThan(0.5);
    expect(share((p) => (p.mentions?.length ?? 0) > 0)).toBeGreaterThan(0.05);
    expect(share((p) => (p.links?.length ?? 0) > 0)).toBeGreaterThan(0.03);
    expect(share((p) => /\p{Extended_Pictographic}/u.test(p.text))).toBeGreaterThan(0.3);
    for (const p of tenMinutes.slice(0, 500)) {
      for (const h of p.hashtags ?? []) expect(p.text).toContain(h);
      for (const m of p.mentions ?? []) expect(p.text).toContain(m);
      for (const l of p.links ?? []) expect(l).toMatch(/^https:\/\/example\.(com|org|net)\//);
    }
    const tags = new Set(tenMinutes.flatMap((p) => p.hashtags ?? []).map((h) => h.toLowerCase()));
    for (const t of ['#aurorax', '#kinsol', '#portalder', '#starfallfinale', '#quillai']) expect(tags).toContain(t);
  });

  it('carries positive, negative and neutral wording in every language', () => {
    for (const lang of ['en', 'pt', 'es']) {
      const posts = tenMinutes.filter((p) => p.lang === lang);
      const pos = posts.filter((p) => POSITIVE.test(p.text)).length / posts.length;
      const neg = posts.filter((p) => NEGATIVE.test(p.text)).length / posts.length;
      const neither = posts.filter((p) => !POSITIVE.test(p.text) && !NEGATIVE.test(p.text)).length / posts.length;
      expect(pos, lang).toBeGreaterThan(0.15);
      expect(neg, lang).toBeGreaterThan(0.15);
      expect(neither, lang).toBeGreaterThan(0.1);
    }
  });

  const cycle = gen.postsBetween(T0, T0 + 15 * MIN);
  /** Posts of `posts` counted into buckets of `ms` from T0. */
  function buckets(posts: Post[], ms: number, n: number): Post[][] {
    const out: Post[][] = Array.from({ length: n }, () => []);
    for (const p of posts) out[Math.floor((p.createdAt - T0) / ms)]?.push(p);
    return out;
  }

  it('swings: the launch goes from excited to angry within its cycle', () => {
    const launch = cycle.filter((p) => p.lang === 'en' && /aurora ?x/i.test(p.text));
    const negShare = buckets(launch, MIN, 15).map((ps) => ps.filter((p) => NEGATIVE.test(p.text)).length / ps.length);
    expect(Math.max(...negShare) - Math.min(...negShare)).toBeGreaterThan(0.35);
  });

  it('bursts: some 10-second stretch of a match cycle is far above the typical one', () => {
    const counts = buckets(cycle, 10_000, 90).map((ps) => ps.length);
    const median = [...counts].sort((a, b) => a - b)[45]!;
    expect(Math.max(...counts)).toBeGreaterThan(1.6 * median);
    const goalPosts = cycle.filter((p) => /GO+AL|late winner|what a beautiful goal/i.test(p.text));
    expect(goalPosts.length).toBeGreaterThan(20);
  });

  it('refuses a bad rate or seed, naming it', () => {
    expect(() => createDemoGenerator({ seed: 1, rate: 0 })).toThrow(/rate/);
    expect(() => createDemoGenerator({ seed: 1.5, rate: 5 })).toThrow(/seed/);
  });
});

describe('demo PRNG', () => {
  it('mulberry32 is reproducible and spread over [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('hashSeed separates neighbours and large integers', () => {
    expect(hashSeed(1, 1000)).not.toBe(hashSeed(1, 1001));
    expect(hashSeed(1, 2 ** 40)).not.toBe(hashSeed(1, 0));
  });

  it('poisson has the right mean, small and large', () => {
    const rng = mulberry32(3);
    for (const lambda of [0.5, 5, 80]) {
      let sum = 0;
      for (let i = 0; i < 5000; i++) sum += poisson(rng, lambda);
      expect(Math.abs(sum / 5000 - lambda) / lambda).toBeLessThan(0.06);
    }
  });
});
