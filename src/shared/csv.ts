/** One record of a CSV file and the line of the file it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  delimiter: ',' | ';';
  records: CsvRecord[];
}

/** The text is not well-formed CSV; `line` is where the problem starts. */
export class CsvSyntaxError extends Error {
  constructor(readonly reason: 'unclosedQuote' | 'textAfterQuote', readonly line: number) {
    super(`${reason} on line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Comma or semicolon, whichever occurs more often outside quotes on the header
 * line: Norwegian Excel saves "CSV" with semicolons, most other tools with commas.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold delimiters, line breaks and
 * doubled quotes; records end in CRLF or LF. A leading byte-order mark is
 * dropped. A quote inside an unquoted field is kept as text, as spreadsheets do.
 */
export function parseCsv(input: string): ParsedCsv {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // After a closing quote only a delimiter or the end of the record may follow.
  let afterQuote = false;

  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };

  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && field === '' && !afterQuote) {
      const start = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError('unclosedQuote', start);
        const inner = text[i]!;
        if (inner === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (inner === '"') { i += 1; break; }
        if (inner === '\n') line += 1;
        field += inner;
        i += 1;
      }
      afterQuote = true;
      continue;
    }
    if (char === delimiter) {
      fields.push(field);
      field = '';
      afterQuote = false;
      i += 1;
    } else if (char === '\n' || char === '\r') {
      // CRLF, LF, or a lone CR as old spreadsheet exports write.
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
    } else if (afterQuote) {
      throw new CsvSyntaxError('textAfterQuote', line);
    } else {
      field += char;
      i += 1;
    }
  }
  // A final record without a line break; an empty last line is no record.
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return { delimiter, records };
}
