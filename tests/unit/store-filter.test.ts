import { describe, expect, it } from 'vitest';
import { parseHistoryFilter, parseTimeBound } from '../../server/store/historyFilter';

describe('parseTimeBound', () => {
  it.each([
    ['1714564800000', 1714564800000],
    ['0', 0],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01T12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00.250Z', Date.UTC(2024, 4, 1, 12, 0, 0, 250)],
    ['2024-05-01T12:00:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01 12:00:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00+02:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T12:00:00-0130', Date.UTC(2024, 4, 1, 13, 30)],
    // `+02:00` sent unencoded in a URL query arrives as ` 02:00`.
    ['2024-05-01T12:00:00 02:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
  ])('%s', (input, expected) => {
    expect(parseTimeBound('from', input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'yesterday', '2024-13-01', '2023-02-29', '2024-05-01T24:00:00Z', '2024-05-01T12:60Z', '1e12', '-5', '99999999999999999', '2024-05-01T12:00:00+25:00'])(
    'rejects %j with a message naming the parameter',
    (input) => {
      const r = parseTimeBound('to', input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^to /);
    },
  );
});

describe('parseHistoryFilter', () => {
  it('accepts an empty filter', () => {
    expect(parseHistoryFilter({})).toEqual({ ok: true, value: {} });
    expect(parseHistoryFilter({ from: null, to: null, keyword: null })).toEqual({ ok: true, value: {} });
  });

  it('parses both bounds and the keyword', () => {
    expect(parseHistoryFilter({ from: '2024-05-01', to: '1714608000000', keyword: ' #launch OR "big day" ' })).toEqual({
      ok: true,
      value: { from: Date.UTC(2024, 4, 1), to: 1714608000000, keyword: '#launch OR "big day"' },
    });
  });

  it('refuses from after to, a bad bound and an empty keyword', () => {
    expect(parseHistoryFilter({ from: '2024-05-02', to: '2024-05-01' })).toEqual({
      ok: false,
      error: 'from (2024-05-02T00:00:00.000Z) is after to (2024-05-01T00:00:00.000Z)',
    });
    expect(parseHistoryFilter({ from: 'soon' })).toMatchObject({ ok: false, error: expect.stringMatching(/^from must be/) });
    expect(parseHistoryFilter({ keyword: ' ' })).toEqual({ ok: false, error: 'keyword must not be empty' });
  });
});
