/**
 * A small RFC 4180 reader: quoted fields may hold delimiters, line breaks and
 * doubled quotes; lines may end in CRLF, LF or CR. Each record remembers the
 * line it starts on, so problems can be reported by line number.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A quote that is never closed, or text straight after a closing quote. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`CSV syntax error on line ${line}`);
  }
}

/** The delimiter of the first line: a semicolon (as Norwegian Excel writes) when it has more of those than commas. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into records of fields; throws CsvSyntaxError on malformed quoting. */
export function parseCsv(text: string, delimiter: string = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  const endField = () => { fields.push(field); field = ''; afterQuote = false; };

  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; continue; }
      if (c === '"') { quoted = false; afterQuote = true; continue; }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
      field += c;
    } else if (c === '"' && field === '' && !afterQuote) {
      quoted = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      line += 1;
      recordLine = line;
    } else if (afterQuote) {
      throw new CsvSyntaxError(line);
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine);
  if (field !== '' || fields.length > 0 || afterQuote) {
    endField();
    records.push({ line: recordLine, fields });
  }
  return records;
}
