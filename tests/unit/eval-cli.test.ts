import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEval, type EvalIo } from '../../server/cli/eval';

const FIXTURE = join('tests', 'fixtures', 'eval-small.jsonl');

function capture(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: EvalIo = { out: (t) => (out += t), err: (t) => (err += t), readFile: (p) => readFileSync(p, 'utf8') };
  const code = runEval(argv, io);
  return { code, out, err };
}

describe('eval command', () => {
  it('prints a table with one row per scorer, counting bad lines', () => {
    const r = capture(['--file', FIXTURE, '--scorer', 'afinn', '--scorer', 'sentiment', '--scorer', 'moodstream']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/eval-small\.jsonl\s+n=6 .*bad lines=3/);
    expect(r.out).toMatch(/^afinn\s/m);
    expect(r.out).toMatch(/^sentiment\s/m);
    expect(r.out).toMatch(/^moodstream\s/m);
    expect(r.out).toMatch(/accuracy\s+macroF1\s+binAcc\s+pearson/);
    expect(r.err).toMatch(/eval-small\.jsonl:5: skipped: not valid JSON/);
    expect(r.err).toMatch(/:6: skipped: label/);
    expect(r.err).toMatch(/:7: skipped: missing string field "text"/);
  });

  it('--json with one scorer prints that scorer\'s metrics object', () => {
    const r = capture(['--file', FIXTURE, '--scorer', 'moodstream', '--json']);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ file: 'eval-small.jsonl', scorer: 'moodstream', n: 6, bad: 3 });
    for (const k of ['accuracy', 'macroF1', 'binaryAccuracy']) expect(typeof j[k]).toBe('number');
    expect(j.accuracy).toBe(1);
    expect(j.pearsonN).toBe(6);
  });

  it('--json with several scorers prints an object keyed by scorer', () => {
    const r = capture(['--file', FIXTURE, '--scorer', 'afinn', '--scorer', 'moodstream', '--json']);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['afinn', 'moodstream']);
    expect(j.afinn.n).toBe(6);
    // plain AFINN has no negation: "not bad at all" comes out negative
    expect(j.afinn.accuracy).toBeLessThan(j.moodstream.accuracy);
  });

  it('--lang forces a language on every item', () => {
    const r = capture(['--file', FIXTURE, '--scorer', 'moodstream', '--lang', 'fr', '--json']);
    expect(JSON.parse(r.out).unscored).toBe(6);
  });

  it('defaults to the moodstream scorer', () => {
    expect(JSON.parse(capture(['--file', FIXTURE, '--json']).out).scorer).toBe('moodstream');
  });

  it('usage errors exit 2 with a message naming the option', () => {
    expect(capture([]).err).toMatch(/--file is required/);
    expect(capture([]).code).toBe(2);
    const bad = capture(['--file', FIXTURE, '--scorer', 'vader']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--scorer: unknown scorer "vader"/);
    expect(capture(['--file', join('tests', 'fixtures', 'no-such-file.jsonl')]).err).toMatch(/--file: cannot read/);
    expect(capture(['--bogus']).code).toBe(2);
  });

  it('--help documents the options', () => {
    const r = capture(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--file', '--scorer', '--lang', '--json']) expect(r.out).toContain(opt);
  });
});
