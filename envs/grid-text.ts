// Text pictures of grid worlds: a character grid with north at the top.

export class TextGrid {
  readonly width: number;
  readonly height: number;
  readonly cells: string[][];

  constructor(width: number, height: number, fill = '.') {
    this.width = width;
    this.height = height;
    this.cells = Array.from({ length: height }, () => new Array<string>(width).fill(fill));
  }

  /** Marks integer cell (col, row), row 0 at the bottom (south); cells outside the grid are ignored. */
  put(col: number, row: number, mark: string): void {
    if (col < 0 || col >= this.width || row < 0 || row >= this.height) return;
    this.cells[this.height - 1 - row][col] = mark;
  }

  toString(): string {
    return this.cells.map((row) => row.join(' ')).join('\n');
  }
}
