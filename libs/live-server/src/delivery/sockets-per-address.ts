/** Open sockets counted by client address, against a cap per address (0: no cap). */
export class SocketsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  hasRoom(address: string): boolean {
    return this.max === 0 || (this.open.get(address) ?? 0) < this.max;
  }

  add(address: string): void {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
  }

  remove(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
  }
}
