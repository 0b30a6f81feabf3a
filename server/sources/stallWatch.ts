/**
 * Gives up on a live connection that has been silent too long: `arm` at every sign of life
 * (a frame, a message, a ping, a keep-alive), `clear` when the connection is over.
 */
export class StallWatch {
  private timer: NodeJS.Timeout | null = null;

  /** @param ms silence allowed, ms */
  constructor(readonly ms: number) {}

  /** Restarts the countdown; `onStall` runs if nothing re-arms it within `ms`. */
  arm(onStall: () => void): void {
    this.clear();
    this.timer = setTimeout(onStall, this.ms);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
