/**
 * Everything that keeps configuration in memory registers here to re-read it when another process (a second gateway
 * on the same database, `omniroute keys`, a sync pull) changed the stored configuration. Reloads run together; one
 * failing does not stop the others.
 */
export class ConfigChanges {
  private readonly reloaders: Array<() => Promise<void>> = [];
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  onChange(reload: () => Promise<void>): void {
    this.reloaders.push(reload);
  }

  /**
   * One reload at a time: a change announced while one runs queues one more (however many arrive), so an older
   * read can never finish after a newer one and overwrite it.
   */
  reload(): Promise<void> {
    if (this.running === undefined) return this.start();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = this.reloadAll().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async reloadAll(): Promise<void> {
    const results = await Promise.allSettled(this.reloaders.map((reload) => reload()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
