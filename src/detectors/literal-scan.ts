/**
 * Every occurrence of many plain strings in a text in one pass (Aho–Corasick): one table step
 * per character, however many strings. The regex engine tries the alternatives of a long
 * alternation one after the other at every position, which for the detectors' hundreds of trigger
 * words cost tens of nanoseconds a character; this costs a few.
 *
 * The automaton is a full transition table over the characters the strings use (every other
 * character is one column), built once. `scan` reports each occurrence, overlapping ones too, as
 * the string's index and the position after its last character, into buffers it reuses (read
 * them before the next scan).
 */
export class LiteralScan {
  /**
   * Character code → column (0: a character no string has, after which the automaton is back at
   * its start, row 0).
   */
  readonly columns = new Uint16Array(65536);
  private readonly width: number;
  /** row + column → next row (a row is a state times the width). */
  readonly next: Uint32Array;
  /** Rows from here on are states that report strings (see `report`). */
  readonly firstReporting: number;
  /** Each state's reported strings: outputs[outStart[state] … outStart[state + 1]). */
  private readonly outStart: Uint32Array;
  private readonly outputs: Uint32Array;
  /** Occurrences of the last scan: string index and end position. */
  hitKeys = new Uint32Array(64);
  hitEnds = new Uint32Array(64);

  constructor(readonly strings: readonly string[]) {
    let width = 1;
    for (const s of strings) {
      if (s === '') throw new Error('LiteralScan: empty string');
      for (let i = 0; i < s.length; i++) {
        const code = s.charCodeAt(i);
        if (this.columns[code] === 0) this.columns[code] = width++;
      }
    }
    this.width = width;
    // The trie: children per state by column, and the strings ending at each state.
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    strings.forEach((s, index) => {
      let state = 0;
      for (let i = 0; i < s.length; i++) {
        const column = this.columns[s.charCodeAt(i)]!;
        let child = children[state]!.get(column);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          ends.push([]);
          children[state]!.set(column, child);
        }
        state = child;
      }
      ends[state]!.push(index);
    });
    const states = children.length;
    const goto = new Uint32Array(states * width);
    const fail = new Uint32Array(states);
    const reported: number[][] = ends.map((list) => [...list]);
    // Breadth first: a state's failure state (its longest proper suffix in the trie) is done first.
    const queue: number[] = [];
    for (const [column, child] of children[0]!) {
      goto[column] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const row = state * width;
      const failRow = fail[state]! * width;
      reported[state]!.push(...reported[fail[state]!]!);
      // Where the failure state goes, except along the state's own children.
      goto.copyWithin(row, failRow, failRow + width);
      for (const [column, child] of children[state]!) {
        fail[child] = goto[failRow + column]!;
        goto[row + column] = child;
        queue.push(child);
      }
    }
    // Renumbered so that states that report something come last (one comparison per character
    // tells), and stored as row offsets (no multiplication per character).
    const order = [...Array(states).keys()].sort(
      (a, b) => Number(reported[a]!.length > 0) - Number(reported[b]!.length > 0) || a - b,
    );
    const renumbered = new Uint32Array(states);
    order.forEach((state, index) => (renumbered[state] = index));
    this.next = new Uint32Array(states * width);
    for (let state = 0; state < states; state++) {
      for (let column = 0; column < width; column++) {
        this.next[renumbered[state]! * width + column] = renumbered[goto[state * width + column]!]! * width;
      }
    }
    this.firstReporting = order.findIndex((state) => reported[state]!.length > 0) * width;
    if (this.firstReporting < 0) this.firstReporting = states * width;
    this.outStart = new Uint32Array(states + 1);
    const outputs: number[] = [];
    order.forEach((state, index) => {
      this.outStart[index] = outputs.length;
      outputs.push(...reported[state]!);
    });
    this.outStart[states] = outputs.length;
    this.outputs = Uint32Array.from(outputs);
  }

  /**
   * Scans `text`; returns how many occurrences it put in `hitKeys` / `hitEnds`. (A caller with its
   * own loop over the characters steps the automaton itself: `row = next[row + columns[code]]`,
   * and `report` when `row >= firstReporting`.)
   */
  scan(text: string): number {
    const { columns, next, firstReporting } = this;
    let hits = 0;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = next[row + columns[text.charCodeAt(i)]!]!;
      if (row >= firstReporting) hits = this.report(row, i + 1, hits);
    }
    return hits;
  }

  /** Puts the strings the state at `row` reports, ending at `end`, after the first `hits`; returns the new count. */
  report(row: number, end: number, hits: number): number {
    const state = row / this.width;
    const last = this.outStart[state + 1]!;
    for (let o = this.outStart[state]!; o < last; o++) {
      if (hits === this.hitKeys.length) this.grow();
      this.hitKeys[hits] = this.outputs[o]!;
      this.hitEnds[hits] = end;
      hits++;
    }
    return hits;
  }

  private grow(): void {
    const keys = new Uint32Array(this.hitKeys.length * 2);
    const ends = new Uint32Array(this.hitEnds.length * 2);
    keys.set(this.hitKeys);
    ends.set(this.hitEnds);
    this.hitKeys = keys;
    this.hitEnds = ends;
  }
}
