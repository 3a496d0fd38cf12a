/**
 * A background job runs on the same event loop as the server's API: a loop over 9,000 late
 * tickets that never awaits is a stall of tens of milliseconds for every request waiting behind
 * it (measured in bench:api with two replicas). A job's long loop checks `due` and, when it has
 * held the loop for its slice, lets pending I/O and timers run before going on.
 */
export class TimeSlice {
  #start = performance.now();

  /** @param ms how long a loop may run between turns of the event loop */
  constructor(private readonly ms = 5) {}

  /** True when the loop has run for its slice since it last gave way. */
  get due(): boolean {
    return performance.now() - this.#start >= this.ms;
  }

  /** Lets the event loop answer what is waiting (I/O callbacks, timers), then starts a new slice. */
  async giveWay(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#start = performance.now();
  }
}
