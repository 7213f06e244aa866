/**
 * A signal too costly to read on every sweep (a TLS handshake for the certificate, the Helm
 * release's secrets): read at most every `everyMs`, or sooner — but not before `soonestMs` —
 * when the caller has a reason to think it changed (TLS errors started). A routine refresh
 * happens in the background (the panel shows the last value meanwhile); the first read and a
 * read brought forward wait for the answer.
 */
export class SlowSignal<T> {
  private value: T | undefined;
  private readAt = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly fetch: () => Promise<T>,
    /** awaitRefresh: a cheap read (the Helm release's Secrets) is waited for whenever it is due, so a change shows in the same sweep */
    private readonly cadence: { everyMs: number; soonestMs: number; awaitRefresh?: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  async read(options: { soon?: boolean } = {}): Promise<T | undefined> {
    const age = this.now() - this.readAt;
    const early = options.soon === true && age >= this.cadence.soonestMs && age < this.cadence.everyMs;
    const due = this.value === undefined || age >= this.cadence.everyMs || early;
    if (due && !this.inFlight) {
      this.inFlight = this.fetch()
        .then((value) => {
          this.value = value;
          this.readAt = this.now();
        })
        .catch(() => {
          // keep the last value; the next sweep tries again
          this.readAt = this.now();
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    // The first read, and a read brought forward because something changed, wait for the
    // answer (the caller's deadline bounds it): the change is what the caller wants to see.
    if ((this.value === undefined || early || (due && this.cadence.awaitRefresh)) && this.inFlight) await this.inFlight;
    return this.value;
  }
}
