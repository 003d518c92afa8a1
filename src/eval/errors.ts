// Every loader failure names the file and, when one is at fault, the 1-based line, so a user with a
// 20-million-line log can open the exact spot.

export class DatasetError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'DatasetError';
    this.file = file;
    this.line = line;
  }
}
