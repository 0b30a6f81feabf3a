import { parseQuery, type Query } from '../query';

/**
 * Tracked keywords to X API v2 filtered-stream rules, and the add/delete calls that move the
 * stream's rule set to the tracked set. Pure: the source does the HTTP.
 *
 * The query language was modelled on X's rule syntax, so a rule is the parsed query printed back
 * in X's spelling, plus `-is:retweet` (a retweet repeats someone else's post; counting it would
 * count that post twice, as Mastodon boosts would).
 */

/** A rule as `GET /2/tweets/search/stream/rules` returns it. */
export interface XRule {
  id: string;
  value: string;
  tag?: string;
}

/** A rule to add: `value` in X syntax, `tag` the moodstream query it came from. */
export interface XRuleSpec {
  value: string;
  tag: string;
}

export interface RuleOptions {
  /** Longest rule value X accepts on the account's tier, in characters (512 on Basic, 1024 on Pro). */
  maxLength?: number;
  /** Keep retweets (default false: `-is:retweet` is added to each rule). */
  includeRetweets?: boolean;
}

export type RuleResult = { ok: true; rule: XRuleSpec } | { ok: false; query: string; error: string };

/** A bare keyword X takes unquoted; anything else (`covid-19`, `12:30`, `or`) is quoted, which X matches as consecutive tokens. */
const BARE = /^[\p{L}\p{M}\p{N}_]+$/u;
/** X usernames: 1 to 15 of letters, digits, underscore. */
const X_USERNAME = /^@[A-Za-z0-9_]{1,15}$/;

/** Whether a node can stand alone in an X rule (`lang:` and negations cannot). */
function standalone(node: Query): boolean {
  switch (node.type) {
    case 'lang':
    case 'not':
      return false;
    case 'and':
      return node.operands.some(standalone);
    case 'or':
      return node.operands.every(standalone);
    default:
      return true;
  }
}

function print(node: Query): string {
  switch (node.type) {
    case 'term':
      return BARE.test(node.value) && node.value !== 'or' ? node.value : `"${node.value}"`;
    case 'phrase':
      return `"${node.value}"`;
    case 'hashtag':
    case 'mention':
    case 'lang':
      return node.type === 'lang' ? `lang:${node.value}` : node.value;
    case 'not':
      return `-${group(node.operand)}`;
    case 'and':
      // X evaluates AND before OR; parentheses around an inner OR keep the query's meaning.
      return node.operands.map((o) => (o.type === 'or' ? `(${print(o)})` : print(o))).join(' ');
    case 'or':
      return node.operands.map((o) => (o.type === 'and' ? `(${print(o)})` : print(o))).join(' OR ');
  }
}

function group(node: Query): string {
  return node.type === 'and' || node.type === 'or' ? `(${print(node)})` : print(node);
}

function mentions(node: Query): string[] {
  switch (node.type) {
    case 'mention':
      return [node.value];
    case 'not':
      return mentions(node.operand);
    case 'and':
    case 'or':
      return node.operands.flatMap(mentions);
    default:
      return [];
  }
}

/**
 * One moodstream query to an X rule.
 * @example toXRule('(#tesla OR tesla) -lang:de') // { ok: true, rule: { value: '(#tesla OR tesla) -lang:de -is:retweet', tag: '(#tesla OR tesla) -lang:de' } }
 */
export function toXRule(query: string, options: RuleOptions = {}): RuleResult {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ok: false, query, error: parsed.error };
  const q = parsed.query;
  if (!standalone(q)) {
    return { ok: false, query, error: 'X needs a word, #hashtag, @mention or "phrase" besides lang: and negations in every alternative' };
  }
  const bad = mentions(q).find((m) => !X_USERNAME.test(m));
  if (bad !== undefined) return { ok: false, query, error: `${bad} is not an X username (1-15 letters, digits or _)` };
  const body = print(q);
  const value = options.includeRetweets ? body : `${q.type === 'or' ? `(${body})` : body} -is:retweet`;
  const max = options.maxLength ?? 512;
  if (value.length > max) return { ok: false, query, error: `rule is ${value.length} characters, X accepts at most ${max}` };
  return { ok: true, rule: { value, tag: query } };
}

/** The calls that turn the stream's current rules into the tracked set. */
export interface RulePlan {
  /** Body of `POST /2/tweets/search/stream/rules` as `{ add }`; empty: no call. */
  add: XRuleSpec[];
  /** Rule ids for `{ delete: { ids } }`; empty: no call. */
  delete: string[];
  /** Queries with no X rule, with the reason. */
  rejected: { query: string; error: string }[];
}

/**
 * Compares tracked queries with the rules the stream has. Rules are matched by value (X keeps
 * values unique); rules not wanted are deleted, including ones another client left behind, because
 * every rule of the app feeds this one stream. Two queries with the same rule share it.
 */
export function planRules(queries: readonly string[], existing: readonly XRule[], options: RuleOptions = {}): RulePlan {
  const wanted = new Map<string, XRuleSpec>();
  const rejected: RulePlan['rejected'] = [];
  for (const query of queries) {
    const r = toXRule(query, options);
    if (!r.ok) rejected.push({ query: r.query, error: r.error });
    else if (!wanted.has(r.rule.value)) wanted.set(r.rule.value, r.rule);
  }
  const kept = new Set<string>();
  const del: string[] = [];
  for (const rule of existing) {
    if (wanted.has(rule.value) && !kept.has(rule.value)) kept.add(rule.value);
    else del.push(rule.id);
  }
  const add = [...wanted.values()].filter((r) => !kept.has(r.value));
  return { add, delete: del, rejected };
}
