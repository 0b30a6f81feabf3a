/**
 * Scores labeled JSON Lines sets and prints how well each scorer does.
 *
 *   npx tsx server/cli/eval.ts --file labeled.jsonl [--scorer afinn --scorer moodstream] [--lang pt] [--json]
 *
 * See `--help` and docs/sentiment.md.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Post } from '../../lib/post';
import { ANALYZER_NAMES, DEFAULT_ANALYZER, createAnalyzer } from '../../lib/sentiment/analyzers';
import { parseLabeledLine, type LabeledItem } from '../../lib/sentiment/labeled';
import { computeMetrics, GOLD_LABELS, type EvalItem, type Metrics } from '../../lib/sentiment/metrics';

export const HELP = `Usage: npm run --silent eval -- --file FILE [options]

Scores a labeled JSON Lines file (one object per line: "text", "label" pos|neu|neg, optional "lang"
and numeric "score") and prints accuracy, 3-class macro-F1, per-class precision/recall, binary
accuracy over the pos/neg items (sign of the score; 0 counts as wrong) and Pearson's r against
"score" where given. Lines that cannot be used are counted and reported on stderr, never fatal.

Options:
  --file FILE      labeled set (repeatable: one table or JSON line per file)
  --scorer NAME    scorer to run (repeatable, compared side by side): ${ANALYZER_NAMES.join(', ')}
                   (default ${DEFAULT_ANALYZER})
  --lang TAG       score every item as this language (BCP-47), ignoring the items' "lang"
  --json           print one JSON object per file instead of a table. With one scorer it is that
                   scorer's metrics {file, scorer, n, bad, accuracy, macroF1, binaryAccuracy, ...};
                   with several, an object keyed by scorer name, each value such a metrics object.
  --help           this text
`;

/** Metrics of one scorer on one file, as printed with --json. */
export interface ScorerReport extends Metrics {
  file: string;
  scorer: string;
  /** Lines skipped as unusable (bad JSON, no text, unknown label). */
  bad: number;
  /** Wall time to score the file, ms (indicative only). */
  ms: number;
}

export interface EvalIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => string;
}

/** Reads a labeled file; bad lines are counted and the first few described on `err`. */
export function readLabeled(path: string, io: EvalIo): { items: LabeledItem[]; bad: number } {
  const items: LabeledItem[] = [];
  let bad = 0;
  const lines = io.readFile(path).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const parsed = parseLabeledLine(line);
    if (parsed.ok) {
      items.push(parsed.item);
    } else {
      bad++;
      if (bad <= 5) io.err(`${path}:${i + 1}: skipped: ${parsed.error}\n`);
    }
  }
  if (bad > 5) io.err(`${path}: ${bad} bad lines in all\n`);
  return { items, bad };
}

/** Scores items with one scorer. */
export function evaluate(scorer: string, items: readonly LabeledItem[], lang: string | null): { metrics: Metrics; ms: number } {
  const analyzer = createAnalyzer(scorer);
  const scored: EvalItem[] = [];
  const t0 = performance.now();
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as LabeledItem;
    const post: Post = { id: String(i), text: it.text, createdAt: 0, author: null, lang: lang ?? it.lang, source: 'eval' };
    const a = analyzer.analyze(post);
    scored.push({ gold: it.gold, predicted: a.label, score: a.score, ...(it.score !== undefined ? { goldScore: it.score } : {}) });
  }
  const ms = performance.now() - t0;
  return { metrics: computeMetrics(scored), ms };
}

const f3 = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

/** The side-by-side table for one file. */
export function formatTable(file: string, reports: readonly ScorerReport[]): string {
  const first = reports[0];
  if (!first) return '';
  const head = ['scorer', 'accuracy', 'macroF1', 'binAcc', 'pearson', ...GOLD_LABELS.flatMap((c) => [`P(${c})`, `R(${c})`]), 'unscored', 'ms'];
  const rows = reports.map((r) => [
    r.scorer,
    f3(r.accuracy),
    f3(r.macroF1),
    f3(r.binaryAccuracy),
    f3(r.pearson),
    ...GOLD_LABELS.flatMap((c) => [f3(r.perClass[c].precision), f3(r.perClass[c].recall)]),
    String(r.unscored),
    r.ms.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const support = GOLD_LABELS.map((c) => `${c} ${first.perClass[c].support}`).join(' / ');
  return [`${file}  n=${first.n} (${support})  bad lines=${first.bad}`, fmt(head), ...rows.map(fmt), ''].join('\n');
}

/**
 * Runs the command. Returns the exit code: 0 on success, 2 on a usage error.
 * @param argv arguments after the script name
 */
export function runEval(argv: string[], io: EvalIo): number {
  let values: { file?: string[]; scorer?: string[]; lang?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string', multiple: true },
        scorer: { type: 'string', multiple: true },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const files = values.file ?? [];
  if (files.length === 0) {
    io.err(`--file is required\n\n${HELP}`);
    return 2;
  }
  const scorers = values.scorer ?? [DEFAULT_ANALYZER];
  for (const s of scorers) {
    if (!ANALYZER_NAMES.includes(s)) {
      io.err(`--scorer: unknown scorer "${s}"; expected one of ${ANALYZER_NAMES.join(', ')}\n`);
      return 2;
    }
  }
  for (const file of files) {
    let data: { items: LabeledItem[]; bad: number };
    try {
      data = readLabeled(file, io);
    } catch (e) {
      io.err(`--file: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    const name = basename(file);
    const reports: ScorerReport[] = scorers.map((scorer) => {
      const { metrics, ms } = evaluate(scorer, data.items, values.lang ?? null);
      return { file: name, scorer, bad: data.bad, ms, ...metrics };
    });
    if (values.json) {
      const one = reports.length === 1 ? reports[0] : Object.fromEntries(reports.map((r) => [r.scorer, r]));
      io.out(JSON.stringify(one) + '\n');
    } else {
      io.out(formatTable(name, reports) + '\n');
    }
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runEval(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readFile: (p) => readFileSync(p, 'utf8'),
  });
}
