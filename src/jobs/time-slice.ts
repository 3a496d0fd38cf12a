/**
 * A background job runs on the same event loop as the server's API, and on the same database: a
 * loop over 9,000 late tickets that never awaits is a stall of tens of milliseconds for every
 * request behind it, and one that never pauses keeps a database core busy for seconds (both
 * measured in bench:api with two replicas). A job's long loop checks `due` and, when it has run
 * for its slice, rests: the event loop answers what is waiting, and the job stays idle for as
 * long as it worked (at most 50 ms), so a job takes at most about half of either.
 */
export class TimeSlice {
  #start = performance.now();

  /** @param ms how long a loop may run between rests */
  constructor(private readonly ms = 5) {}

  /** True when the loop has run for its slice since it last rested. */
  get due(): boolean {
    return performance.now() - this.#start >= this.ms;
  }

  /** Rests as long as the loop worked since the last rest (at most 50 ms), then starts a new slice. */
  async giveWay(): Promise<void> {
    const worked = performance.now() - this.#start;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(50, Math.max(0, worked))));
    this.#start = performance.now();
  }
}
