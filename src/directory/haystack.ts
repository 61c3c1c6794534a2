/**
 * Many short strings searched as one: a substring search is a single native `indexOf` pass over
 * the joined text instead of one call per string, which is what keeps a keystroke search over
 * 20,000 contacts within a frame. Parts must not contain the separator.
 */

const SEPARATOR = '\n';

export class Haystack {
  private readonly text: string;
  /** offset in `text` where each part starts, ascending */
  private readonly starts: Int32Array;

  constructor(parts: readonly string[]) {
    this.text = parts.join(SEPARATOR);
    this.starts = new Int32Array(parts.length);
    let offset = 0;
    parts.forEach((part, index) => {
      this.starts[index] = offset;
      offset += part.length + SEPARATOR.length;
    });
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
