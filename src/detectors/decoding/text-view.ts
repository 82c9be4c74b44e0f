/**
 * A text the detectors look at, derived from the original (decoded, unescaped, normalized), that
 * knows where each of its ranges came from, so a hit in the view masks and quotes the right
 * characters of the original. The mapping is a list of segments, not one entry per character:
 * copied stretches map one to one, replaced pieces map to the whole piece they replaced.
 */
export interface TextView {
  /** How the view was made: `original`, `unescaped`, `base64`, `hex`, `normalized`. */
  via: string;
  text: string;
  /** The original range of a range of this view. */
  toOriginal(start: number, end: number): [number, number];
}

interface Segment {
  /** Where the segment starts in the view. */
  at: number;
  length: number;
  /** Original range; `exact` segments map character by character from `from`. */
  from: number;
  to: number;
  exact: boolean;
}

/** The original text maps to itself (one function for every text, not a closure each). */
function sameRange(start: number, end: number): [number, number] {
  return [start, end];
}

export function originalView(text: string): TextView {
  return { via: 'original', text, toOriginal: sameRange };
}

/** Builds a view of `parent` piece by piece. */
export class ViewBuilder {
  private parts: string[] = [];
  private segments: Segment[] = [];
  private length = 0;

  /** Copies parent[from, from + text.length) unchanged. */
  copy(from: number, text: string): void {
    if (text.length === 0) return;
    const last = this.segments.at(-1);
    if (last?.exact && last.to === from && last.at + last.length === this.length) {
      last.length += text.length;
      last.to += text.length;
    } else {
      this.segments.push({ at: this.length, length: text.length, from, to: from + text.length, exact: true });
    }
    this.parts.push(text);
    this.length += text.length;
  }

  /** Writes `text`, as long as parent[from, from + text.length), character for character in its place. */
  copyAs(from: number, text: string): void {
    if (text.length === 0) return;
    this.segments.push({ at: this.length, length: text.length, from, to: from + text.length, exact: true });
    this.parts.push(text);
    this.length += text.length;
  }

  /** Writes `text` in place of parent[from, to). */
  replace(from: number, to: number, text: string): void {
    if (text.length === 0) return;
    this.segments.push({ at: this.length, length: text.length, from, to, exact: false });
    this.parts.push(text);
    this.length += text.length;
  }

  build(via: string, parent: TextView): TextView {
    const segments = this.segments;
    const text = this.parts.join('');
    const find = (offset: number): Segment => {
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (segments[mid]!.at <= offset) low = mid;
        else high = mid - 1;
      }
      return segments[low]!;
    };
    const toParent = (start: number, end: number): [number, number] => {
      if (segments.length === 0) return [0, 0];
      const first = find(start);
      const last = find(Math.max(start, end - 1));
      const from = first.exact ? first.from + (start - first.at) : first.from;
      const to = last.exact ? last.from + (Math.max(start, end - 1) - last.at) + 1 : last.to;
      return [from, Math.max(from, to)];
    };
    return {
      via,
      text,
      toOriginal: (start, end) => {
        const [from, to] = toParent(start, end);
        return parent.toOriginal(from, to);
      },
    };
  }
}

/** A view of one region of `parent` whose decoded text maps, as a whole, to that region. */
export function regionView(
  via: string,
  parent: TextView,
  start: number,
  end: number,
  text: string,
): TextView {
  const builder = new ViewBuilder();
  builder.replace(start, end, text);
  return builder.build(via, parent);
}
