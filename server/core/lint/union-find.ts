/** Disjoint sets over string keys: which things end up in one group after pairwise joins. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root))
      root = up;
    // Path compression: point every key on the way straight at the root.
    for (let k = key, up = this.parent.get(k); up !== undefined && up !== root; up = this.parent.get(k)) {
      this.parent.set(k, root);
      k = up;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller key wins, so groups get the same root whatever the join order.
    if (ra !== rb) ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb);
  }

  same(a: string, b: string): boolean {
    return this.find(a) === this.find(b);
  }
}
