// natural's data files are plain CommonJS without typings; they are imported one by one because
// `import 'natural'` loads its whole index (and a Redis client that slows string code on Node 20).
declare module 'natural/lib/natural/util/stopwords*' {
  const module: { words: string[] };
  export default module;
}

// The `sentiment` package's English language module (CommonJS): AFINN-165 labels and its negation strategy.
declare module 'sentiment/languages/en/index.js' {
  const language: { labels: Record<string, number> };
  export default language;
}
