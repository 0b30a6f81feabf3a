/**
 * English rules beyond AFINN-165. Every word here comes from general knowledge of English and of
 * social-media usage (and VADER's published rule lists: Hutto & Gilbert 2014), never from the
 * evaluation files. Valences are on the AFINN scale (-5..5).
 */

/**
 * Negators: a sentiment word within the three words after one (same clause) is flipped and
 * damped (`not good` -> -0.74 x good). The list is VADER's, with apostrophe-less spellings.
 */
export const EN_NEGATORS = [
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'nowhere', 'neither', 'nor', 'without', 'cannot', 'nope',
  'rarely', 'seldom', 'despite', 'lack', 'lacks', 'lacking',
  "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "can't", "couldn't",
  "shouldn't", "haven't", "hasn't", "hadn't", "ain't", "mustn't", "needn't", "mightn't", "shan't",
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wont', 'wouldnt', 'cant', 'couldnt',
  'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'mustnt', 'neednt', 'mightnt', 'shant', 'nothin', 'noone',
];

/** Intensifiers (+) and dampeners (-): VADER's booster list; the increment is added to a following sentiment word's magnitude. */
export const EN_BOOSTERS: Record<string, number> = {
  absolutely: 1, amazingly: 1, awfully: 1, completely: 1, considerably: 1, decidedly: 1, deeply: 1, effing: 1,
  enormously: 1, entirely: 1, especially: 1, exceptionally: 1, extremely: 1, fabulously: 1, flipping: 1,
  flippin: 1, freaking: 1, freakin: 1, fricking: 1, frickin: 1, frigging: 1, friggin: 1, fully: 1, fucking: 1,
  greatly: 1, hella: 1, highly: 1, hugely: 1, incredibly: 1, intensely: 1, majorly: 1, more: 1, most: 1,
  particularly: 1, purely: 1, quite: 1, really: 1, remarkably: 1, so: 1, soo: 1, substantially: 1,
  thoroughly: 1, totally: 1, tremendously: 1, uber: 1, unbelievably: 1, unusually: 1, utterly: 1, very: 1,
  super: 1, truly: 1, pretty: 1, damn: 1, mega: 1, too: 1, seriously: 1, literally: 1,
  // adjectival forms of VADER's adverbs: `huge disappointment`, `total waste`, `big fan`; slang `mad happy`
  huge: 1, big: 1, total: 1, complete: 1, major: 1, mad: 1,
  almost: -1, barely: -1, hardly: -1, kinda: -1, less: -1, little: -1, marginally: -1, occasionally: -1,
  partly: -1, scarcely: -1, slightly: -1, somewhat: -1, sorta: -1, fairly: -1, rather: -1, mildly: -1, bit: -1,
};

/**
 * Words neutral alone whose negation is an idiom with a sentiment: `can't wait` (eager),
 * `doesn't work` / `not working` (AFINN-165 lists these two as phrases), `can't stand`, `don't buy`.
 */
export const EN_NEGATED_IDIOMS: Record<string, number> = {
  wait: 2, work: -2, works: -2, worked: -2, working: -2, stand: -3, buy: -2,
};

/**
 * Negation-raising verbs: `I don't think it's good` means `I think it's not good`, so the
 * negation's scope starts again after the verb.
 */
export const EN_NEG_RAISERS = ['think', 'believe', 'suppose', 'expect', 'feel', 'guess', 'imagine'];

/**
 * Negators that negate sentiment words but say nothing alone (`without any tweaking`), so they
 * never count as a bare negation.
 */
export const EN_QUIET_NEGATORS = ['without', 'despite', 'nor', 'neither'];

/**
 * Words whose negation is an idiom without sentiment: `I don't know`, `not sure`, `no one`,
 * `no matter`, `not only`, `no idea`, `no wonder`, `not yet`. They use up the negation, which
 * then does not count as a bare negation.
 */
export const EN_NEUTRAL_NEGATIONS = ['know', 'knew', 'sure', 'matter', 'only', 'one', 'idea', 'wonder', 'yet', 'even', 'just'];

/** Two-word idioms AFINN-165 lacks (it lists `bad luck`, `fed up`, `screwed up`, ...: those are used too). */
export const EN_PHRASES: Record<string, number> = {
  'looking forward': 2, 'look forward': 2, 'looks forward': 2, 'looked forward': 2, 'well done': 3,
  'shut up': -2, 'let down': -2, 'rip off': -3, 'ripped off': -3,
  // VADER's special cases
  'the shit': 3, 'the bomb': 3, 'bad ass': 1.5, 'yeah right': -2,
  'thumbs up': 2, 'thumbs down': -2, 'cheaply made': -2, 'killed it': 3, 'killing it': 3, 'nailed it': 3, 'kick ass': 3, 'kicks ass': 3, 'fired up': 2,
};

/**
 * Profanity used as an intensifier: before any word (`fucking row`, `freaking tired`) it only
 * intensifies; its own valence counts at the end of a clause (`oh, fucking.`).
 */
export const EN_PROFANE_INTENSIFIERS = ['fucking', 'fuckin', 'freaking', 'freakin', 'frickin', 'fricking', 'effing', 'frigging', 'friggin'];

/** Words that open a clause weighing more than the one before (`good but expensive`). */
export const EN_CONTRAST = ['but', 'however', 'nevertheless', 'nonetheless'];

/** `kind of`, `sort of`: the pair dampens what follows, and `kind` is then not the adjective kind (+2). */
export const EN_HEDGES = ['kind', 'sort'];

/**
 * Words that score only as verbs: `like` is mostly a preposition or filler in posts (`looks like`,
 * `like a boss`), a sentiment only after a subject or auxiliary (`I like`, `don't like`, `really like`).
 */
export const EN_VERB_ONLY = ['like'];
export const EN_SUBJECTS = [
  'i', 'we', 'you', 'u', 'ya', 'they', 'he', 'she', 'people', 'everyone', 'everybody', 'who', 'also', 'just',
  'do', 'does', 'did', 'would', "i'd", 'will', 'still', 'really', 'totally', 'definitely',
];

/**
 * Words AFINN-165 lacks: common evaluative words and social-media slang and abbreviations, rated from
 * their ordinary meaning on the AFINN scale (close to VADER's crowd ratings where VADER has them).
 */
export const EN_ADDITIONS: Record<string, number> = {
  // slang and abbreviations
  smh: -2, meh: -1, fml: -3, ffs: -2, yay: 2, yey: 2, yaay: 2, woohoo: 3, thx: 2, thnx: 2, ty: 2, tysm: 3,
  luv: 3, ily: 3, sux: -3, awsome: 4, gud: 3, ew: -2, eww: -2, yikes: -1, oof: -1, argh: -2, grr: -2,
  stfu: -3, gtfo: -3, ftw: 2, fab: 3, fav: 2, fave: 2, faves: 2, amazeballs: 3, bleh: -1,
  boo: -2, fuming: -3, yuck: -2,
  // evaluative words
  incredible: 4, gorgeous: 3, tasty: 3, sturdy: 2, decent: 1, mediocre: -1, junk: -2, flimsy: -2,
  unreliable: -2, unusable: -3, faulty: -2, overpriced: -2, pricey: -1, bland: -1, stale: -1, unhelpful: -2,
  laggy: -2, buggy: -2, glitchy: -2, glitch: -1, crashes: -2, crashed: -2, crashing: -2, freezes: -1,
  sucked: -3, blessed: 3, depression: -2, unfortunately: -2, disappointing: -2, refund: -1, beware: -2,
  horrid: -3, ruined: -2, ruins: -2, expensive: -1, slow: -1,
};

/** ASCII emoticons (lowercased as the tokenizer gives them): the usual reading of each face. */
export const EMOTICON_SCORES: Record<string, number> = {
  ':)': 2, ':-)': 2, ':]': 2, '=)': 2, ':d': 3, ':-d': 3, '=d': 3, ';)': 2, ';-)': 2, ';d': 2, ':p': 1, ':-p': 1,
  ';p': 1, '(:': 2, '^_^': 2, '^^': 2, ':*': 2, ':-*': 2, ":')": 2, '<3': 3, xd: 2, xp: 1,
  ':(': -2, ':-(': -2, ':[': -2, '=(': -2, ":'(": -2, ":'-(": -2, '</3': -3, ':/': -1, ':-/': -1, ':\\': -1,
  ':|': -1, ':-|': -1, '-_-': -1, t_t: -2, ';(': -2, '>:(': -3, ':@': -3, ':s': -1,
};

/**
 * AFINN-165 values replaced: laughter that AFINN rates like strong praise (lol 3, lmao 4) is mostly
 * banter in posts; VADER's crowd ratings put it near +2 on this scale.
 */
export const EN_OVERRIDES: Record<string, number> = { lol: 2, lmao: 2, lmfao: 2, rofl: 2, haha: 2, hahaha: 2, hehe: 2 };
