export type { Query } from './query';
export { parseQuery, MAX_QUERY_DEPTH, type ParseResult } from './parseQuery';
export { matchQuery, prepareDoc, type QueryDoc, type PreparedDoc } from './matchQuery';
export { QuerySet } from './querySet';
