/**
 * Everything that keeps configuration in memory registers here to re-read it when another process (a second gateway
 * on the same database, `omniroute keys`, a sync pull) changed the stored configuration. Reloads run together; one
 * failing does not stop the others.
 */
export class ConfigChanges {
  private readonly reloaders: Array<() => Promise<void>> = [];

  onChange(reload: () => Promise<void>): void {
    this.reloaders.push(reload);
  }

  async reload(): Promise<void> {
    const results = await Promise.allSettled(this.reloaders.map((reload) => reload()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
