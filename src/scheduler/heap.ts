/** A binary min-heap ordered by a numeric key (the scheduler keys entries by wake-up instant). */
export class MinHeap<T> {
  private items: T[] = []

  /** @param key the ordering key of an item; read when it is pushed and while it is in the heap */
  constructor(private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length
  }

  /** The smallest item, without removing it; undefined when empty. */
  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    this.items.push(item)
    this.up(this.items.length - 1)
  }

  /** Removes and returns the smallest item; undefined when empty. */
  pop(): T | undefined {
    const top = this.items[0]
    const last = this.items.pop()
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last
      this.down(0)
    }
    return top
  }

  clear(): void {
    this.items = []
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.at(parent) <= this.at(i)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let min = i
      if (l < this.items.length && this.at(l) < this.at(min)) min = l
      if (r < this.items.length && this.at(r) < this.at(min)) min = r
      if (min === i) return
      this.swap(i, min)
      i = min
    }
  }

  private at(i: number): number {
    return this.key(this.items[i] as T)
  }

  private swap(a: number, b: number): void {
    const t = this.items[a] as T
    this.items[a] = this.items[b] as T
    this.items[b] = t
  }
}
