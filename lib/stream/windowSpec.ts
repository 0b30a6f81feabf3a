import { formatDuration } from './duration';

/** Batch, window and slide lengths in milliseconds. */
export interface WindowSpec {
  batchMs: number;
  windowMs: number;
  slideMs: number;
}

/**
 * Checks the window geometry the way Spark's `window(windowLength, slideInterval)` does and throws
 * an Error that names the option to change. Returns the spec unchanged when valid.
 */
export function validateWindowSpec(spec: WindowSpec): WindowSpec {
  const { batchMs, windowMs, slideMs } = spec;
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(batchMs)) throw new Error(`--batch must be a positive whole number of milliseconds (got ${batchMs})`);
  if (!positiveInt(slideMs) || slideMs % batchMs !== 0) {
    throw new Error(`--slide (${formatDuration(slideMs)}) must be a positive multiple of --batch (${formatDuration(batchMs)})`);
  }
  if (!positiveInt(windowMs) || windowMs % slideMs !== 0) {
    throw new Error(`--window (${formatDuration(windowMs)}) must be a positive multiple of --slide (${formatDuration(slideMs)})`);
  }
  return spec;
}
