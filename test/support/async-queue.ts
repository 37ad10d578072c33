/** Values pushed by event handlers, awaited one by one by a test: waits for events, never for time. */
export class AsyncQueue<T> {
  private readonly values: T[] = [];
  private readonly waiters: Array<(value: T) => void> = [];

  push(value: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(value);
    else this.values.push(value);
  }

  next(): Promise<T> {
    if (this.values.length > 0) return Promise.resolve(this.values.shift() as T);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get pending(): number {
    return this.values.length;
  }
}
