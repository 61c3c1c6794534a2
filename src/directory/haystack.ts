/**
 * Many short strings searched as one: a substring search is a single native `indexOf` pass over
 * the joined text instead of one call per string, which is what keeps a keystroke search over
 * 20,000 contacts within a frame. Parts must not contain the separator.
 */

const SEPARATOR = '\n';

/** A Haystack as plain data: the parts joined with the separator, and where each part starts. */
export interface HaystackData {
  text: string;
  starts: Int32Array;
}

export class Haystack {
  /**
   * @param text the parts joined with the separator
   * @param starts offset in `text` where each part starts, ascending
   */
  private constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
  ) {}

  static of(parts: readonly string[]): Haystack {
    const starts = new Int32Array(parts.length);
    let offset = 0;
    parts.forEach((part, index) => {
      starts[index] = offset;
      offset += part.length + SEPARATOR.length;
    });
    return new Haystack(parts.join(SEPARATOR), starts);
  }

  /** What a Haystack is made of, as plain data (what the index worker sends). */
  get data(): HaystackData {
    return { text: this.text, starts: this.starts };
  }

  static from(data: HaystackData): Haystack {
    return new Haystack(data.text, data.starts);
  }

  /** Part `index` itself (a slice of the joined text). */
  part(index: number): string {
    const start = this.starts[index] ?? 0;
    const next = this.starts[index + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - SEPARATOR.length);
  }

  /** The part containing the character at `offset` (binary search over the start offsets). */
  private partAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * Calls `visit` with the index of every part containing `needle`, in ascending order, once per
   * part, until `visit` returns false. `needle` must not contain the separator.
   */
  forEachMatch(needle: string, visit: (index: number) => boolean): void {
    if (needle === '' || needle.includes(SEPARATOR)) return;
    let from = 0;
    for (let at = this.text.indexOf(needle); at >= 0; at = this.text.indexOf(needle, from)) {
      const index = this.partAt(at);
      if (!visit(index)) return;
      from = this.starts[index + 1] ?? this.text.length;
    }
  }
}
