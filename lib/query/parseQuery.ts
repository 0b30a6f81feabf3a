import type { Query } from './query';
import { wordParts } from './wordParts';

/** Deepest nesting of parentheses a query may have; deeper input is an error, not a stack overflow. */
export const MAX_QUERY_DEPTH = 32;

/** `position` is a 0-based offset in UTF-16 code units into the query as given (what a text input's caret uses). */
export type ParseResult = { ok: true; query: Query } | { ok: false; error: string; position: number };

const OPERAND_HINT = 'a term, #hashtag, @mention, "phrase", lang:code or (group)';
const HASHTAG_CHAR = /^[\p{L}\p{M}\p{N}_]+$/u;
const MENTION_CHAR = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const LANG_CODE = /^[a-z]{2,3}$/;
const OPERATOR = /^([a-z][a-z0-9_]*):./;

/**
 * Parses a tracked-keyword query in the spirit of X's filtered-stream rules.
 *
 * - `apple` a word (case-insensitive, whole word, outside hashtags / mentions / URLs);
 *   `#NotHappy` a hashtag; `@nasa` a mention; `"exact phrase"` consecutive words;
 *   `lang:pt` the post's language (also `pt-BR`); terms are normalized like the tokenizer's
 *   words (NFKC, lowercase); punctuation splits a term as X's tokenizer does, so `covid-19` is
 *   the words `covid` `19` in a row and `covid` also matches a post saying `covid-19`;
 * - juxtaposition is AND, `OR` (uppercase) is OR, AND binds tighter:
 *   `apple OR iphone ipad` = `apple OR (iphone ipad)`; parentheses group;
 * - `-x` negates a term, hashtag, mention, phrase, lang or group (no space after `-`);
 *   a query must need something present: `-apple`, `apple OR -pear` are errors, as on X;
 * - `AND`, `NOT` and operators X has but moodstream lacks (`from:`) are errors that say so, as
 *   are hashtags and mentions the tokenizer would never produce (`#2024`, `@bob.`).
 *
 * Runs in time linear in the query's length; hostile input gives an error, never a throw.
 * Length limits are the caller's (see the dashboard's validation); nesting is capped at
 * {@link MAX_QUERY_DEPTH}.
 *
 * @example parseQuery('(#tesla OR tesla) -lang:de') // { ok: true, query: { type: 'and', ... } }
 * @example parseQuery('"unclosed') // { ok: false, error: 'unclosed quote at 0', position: 0 }
 */
export function parseQuery(q: string): ParseResult {
  try {
    return { ok: true, query: new Parser(q).parse() };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, error: e.message, position: e.position };
    throw e;
  }
}

class QueryError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at ${position}`);
  }
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'or' | 'not' | 'end'; pos: number }
  | { kind: 'atom'; pos: number; node: Query };

const SPACE = /\s*/uy;
const CHUNK = /[^\s()"]+/uy;

/** Recursive descent over tokens scanned on demand, so a hostile query fails at its first error. */
class Parser {
  private i = 0;
  private peeked: Token | null = null;
  /** Start offsets of the composite nodes, for pointing at a query that is only negations. */
  private readonly starts = new Map<Query, number>();

  constructor(private readonly q: string) {}

  parse(): Query {
    if (this.peek().kind === 'end') throw new QueryError('empty query', 0);
    const query = this.parseOr(0);
    const rest = this.peek();
    if (rest.kind === 'rparen') throw new QueryError("unexpected ')'", rest.pos);
    this.requirePositive(query);
    return query;
  }

  private parseOr(depth: number): Query {
    const start = this.peek().pos;
    const branches = [this.parseAnd(depth)];
    while (this.peek().kind === 'or') {
      const or = this.next();
      if (!this.startsOperand(this.peek())) throw new QueryError('OR needs a term on both sides', or.pos);
      branches.push(this.parseAnd(depth));
    }
    return this.combine('or', branches, start);
  }

  private parseAnd(depth: number): Query {
    const start = this.peek().pos;
    const items: Query[] = [];
    while (this.startsOperand(this.peek())) items.push(this.parseUnary(depth));
    if (items.length === 0) {
      const t = this.peek();
      if (t.kind === 'or') throw new QueryError('OR needs a term on both sides', t.pos);
      if (t.kind === 'rparen') throw new QueryError("unexpected ')'", t.pos);
      throw new QueryError(`expected ${OPERAND_HINT}`, t.pos);
    }
    return this.combine('and', items, start);
  }

  private parseUnary(depth: number): Query {
    const t = this.peek();
    if (t.kind !== 'not') return this.parsePrimary(depth);
    this.next();
    const operand = this.peek();
    if (operand.kind !== 'atom' && operand.kind !== 'lparen') {
      throw new QueryError(`'-' must be followed directly by ${OPERAND_HINT}`, t.pos);
    }
    const node: Query = { type: 'not', operand: this.parsePrimary(depth) };
    this.starts.set(node, t.pos);
    return node;
  }

  private parsePrimary(depth: number): Query {
    const t = this.next();
    if (t.kind === 'atom') return t.node;
    // parseUnary and parseAnd only call here on an atom or '('.
    if (depth + 1 > MAX_QUERY_DEPTH) {
      throw new QueryError(`parentheses nested too deeply (max ${MAX_QUERY_DEPTH})`, t.pos);
    }
    const first = this.peek().kind;
    if (first === 'rparen') throw new QueryError('empty parentheses', t.pos);
    if (first === 'end') throw new QueryError("unclosed '('", t.pos);
    const inner = this.parseOr(depth + 1);
    const close = this.next();
    if (close.kind !== 'rparen') throw new QueryError("unclosed '('", t.pos);
    return inner;
  }

  private startsOperand(t: Token): boolean {
    return t.kind === 'atom' || t.kind === 'not' || t.kind === 'lparen';
  }

  private combine(type: 'and' | 'or', items: Query[], start: number): Query {
    const [only] = items;
    if (items.length === 1 && only !== undefined) return only;
    const operands = items.flatMap((item) => (item.type === type ? item.operands : [item]));
    const node: Query = { type, operands };
    this.starts.set(node, start);
    return node;
  }

  /** A query that matches a post with no words, tags or language would match by absence alone. */
  private requirePositive(query: Query): void {
    let node = query;
    if (!matchesEmpty(node)) return;
    while (node.type === 'or') {
      const branch = node.operands.find(matchesEmpty);
      if (branch === undefined) break;
      node = branch;
    }
    throw new QueryError('query needs a term that is not negated', this.starts.get(node) ?? 0);
  }

  private peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  private scan(): Token {
    const q = this.q;
    SPACE.lastIndex = this.i;
    SPACE.test(q);
    const pos = SPACE.lastIndex;
    this.i = pos;
    if (pos >= q.length) return { kind: 'end', pos };
    const c = q[pos];
    if (c === '(' || c === ')') {
      this.i = pos + 1;
      return { kind: c === '(' ? 'lparen' : 'rparen', pos };
    }
    if (c === '"') {
      const close = q.indexOf('"', pos + 1);
      if (close < 0) throw new QueryError('unclosed quote', pos);
      this.i = close + 1;
      return { kind: 'atom', pos, node: phrase(q.slice(pos + 1, close), pos) };
    }
    if (c === '-') {
      const after = q[pos + 1];
      if (after === undefined || /\s/u.test(after)) {
        throw new QueryError(`'-' must be followed directly by ${OPERAND_HINT}`, pos);
      }
      this.i = pos + 1;
      return { kind: 'not', pos };
    }
    CHUNK.lastIndex = pos;
    CHUNK.test(q);
    this.i = CHUNK.lastIndex;
    const raw = q.slice(pos, this.i);
    if (raw === 'OR') return { kind: 'or', pos };
    return { kind: 'atom', pos, node: atom(raw, pos) };
  }
}

function matchesEmpty(node: Query): boolean {
  switch (node.type) {
    case 'not':
      return !matchesEmpty(node.operand);
    case 'and':
      return node.operands.every(matchesEmpty);
    case 'or':
      return node.operands.some(matchesEmpty);
    default:
      return false;
  }
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function phrase(raw: string, pos: number): Query {
  const value = normalize(raw).trim().split(/\s+/u).join(' ');
  if (wordParts(value).length === 0) throw new QueryError('empty phrase', pos);
  return { type: 'phrase', value };
}

/** Classifies one whitespace-delimited chunk that is not an operator. */
function atom(raw: string, pos: number): Query {
  if (raw === 'AND' || raw === 'NOT') {
    const hint = raw === 'AND' ? 'put terms side by side for AND' : "use '-' to negate";
    throw new QueryError(`${raw} is not an operator (${hint}; lowercase ${raw.toLowerCase()} is a word)`, pos);
  }
  const text = normalize(raw);
  if (text.startsWith('#')) return tagged('hashtag', raw, text, pos, HASHTAG_CHAR);
  if (text.startsWith('@')) return tagged('mention', raw, text, pos, MENTION_CHAR);
  if (text.startsWith('lang:')) {
    const code = text.slice(5);
    if (code === '') throw new QueryError('lang: needs a language code such as en or pt', pos);
    if (!LANG_CODE.test(code)) {
      throw new QueryError(`invalid language code '${code}' (use a primary subtag such as en, pt or es)`, pos + 5);
    }
    return { type: 'lang', value: code };
  }
  const operator = OPERATOR.exec(text);
  if (operator !== null) throw new QueryError(`unknown operator '${operator[1]}:' (only lang: is supported)`, pos);
  if (wordParts(text).length === 0) throw new QueryError(`'${raw}' has no letters or digits to match`, pos);
  return { type: 'term', value: text };
}

function tagged(type: 'hashtag' | 'mention', raw: string, text: string, pos: number, allowed: RegExp): Query {
  if (text.length === 1) throw new QueryError(`empty ${type}`, pos);
  if (!allowed.test(text.slice(1))) {
    // Point at the first offending character of the input as typed.
    let offset = 1;
    for (const ch of raw.slice(1)) {
      if (!allowed.test(normalize(ch))) break;
      offset += ch.length;
    }
    const bad = raw.slice(offset).codePointAt(0);
    const shown = bad === undefined ? '' : ` '${String.fromCodePoint(bad)}'`;
    throw new QueryError(`invalid character${shown} in ${type}`, pos + Math.min(offset, raw.length - 1));
  }
  const body = text.slice(1);
  // Mirror the tokenizer, or the query could never match: it reads `#2024` as no hashtag and
  // ends a mention before a `.` or `-` that no letter follows (`@bob.` is `@bob`).
  if (type === 'hashtag' && /^[0-9]+$/.test(body)) {
    throw new QueryError(`hashtag needs a letter ('${text}' is not a hashtag)`, pos);
  }
  if (type === 'mention' && /^[.-]|[.-]$/.test(body)) {
    throw new QueryError("mention cannot start or end with '.' or '-'", pos);
  }
  return { type, value: text };
}
