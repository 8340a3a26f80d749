/**
 * Binary min-heap of node ids 0..capacity-1 keyed by an external array, with decrease-key.
 * Ties go to the smaller id so that the pop order is a pure function of the keys.
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  /** Position of a node in `heap`, or -1 when absent. */
  private readonly position: Int32Array;
  private length = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.length;
  }

  /** Smallest node; only valid when size > 0. */
  peek(): number {
    return this.heap[0];
  }

  has(node: number): boolean {
    return this.position[node] >= 0;
  }

  /** Inserts the node, or moves it up after its key was lowered. */
  push(node: number): void {
    let at = this.position[node];
    if (at < 0) {
      at = this.length++;
      this.heap[at] = node;
      this.position[node] = at;
    }
    this.siftUp(at);
  }

  pop(): number {
    const top = this.heap[0];
    this.position[top] = -1;
    const last = this.heap[--this.length];
    if (this.length > 0) {
      this.heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.length; i++) this.position[this.heap[i]] = -1;
    this.length = 0;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(at: number): void {
    const { heap, position } = this;
    const node = heap[at];
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(node, heap[parent])) break;
      heap[at] = heap[parent];
      position[heap[at]] = at;
      at = parent;
    }
    heap[at] = node;
    position[node] = at;
  }

  private siftDown(at: number): void {
    const { heap, position } = this;
    const node = heap[at];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.length) break;
      if (child + 1 < this.length && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], node)) break;
      heap[at] = heap[child];
      position[heap[at]] = at;
      at = child;
    }
    heap[at] = node;
    position[node] = at;
  }
}
