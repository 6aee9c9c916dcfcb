import { expect } from 'chai';
import { readImportLines } from '../../src/imports/columns.js';
import { decodeCsvFile } from '../../src/imports/csv-file.js';
import { CsvSyntaxError, parseCsv } from '../../src/imports/csv.js';
import { ImportFileError } from '../../src/imports/errors.js';

describe('imports', () => {
  describe('parseCsv', () => {
    it('when fields are quoted, then delimiters, line breaks and doubled quotes inside them are kept as text', () => {
      const { records } = parseCsv('a,b,c\n"Bjørkli, Gard","Si ""hei""","to\nlinjer"\nx,y,z\n');
      expect(records.map((r) => r.fields)).to.deep.equal([
        ['a', 'b', 'c'], ['Bjørkli, Gard', 'Si "hei"', 'to\nlinjer'], ['x', 'y', 'z'],
      ]);
    });

    it('when a quoted field spans lines, then each record keeps the line it starts on', () => {
      const { records } = parseCsv('h1,h2\r\n"one\r\ntwo",b\r\nc,d\r\n');
      expect(records.map((r) => r.line)).to.deep.equal([1, 2, 4]);
      expect(records[1]!.fields[0]).to.equal('one\r\ntwo');
    });

    it('when the header has more semicolons than commas, then semicolon is the delimiter', () => {
      const parsed = parseCsv('orgnr;bedrift;navn;e-post\r\n923609016;Gard, Bakeri og Kafé;Kari;kari@example.no\r\n');
      expect(parsed.delimiter).to.equal(';');
      expect(parsed.records[1]!.fields).to.deep.equal(['923609016', 'Gard, Bakeri og Kafé', 'Kari', 'kari@example.no']);
    });

    it('when the header has commas, then comma is the delimiter and semicolons are text', () => {
      const parsed = parseCsv('orgnr,company\n923609016,A;B\n');
      expect(parsed.delimiter).to.equal(',');
      expect(parsed.records[1]!.fields).to.deep.equal(['923609016', 'A;B']);
    });

    it('when the text starts with a byte-order mark and mixes CRLF and LF, then neither shows in the fields', () => {
      const { records } = parseCsv('\uFEFForgnr;navn\r\n1;Åse\n2;Øyvind');
      expect(records.map((r) => r.fields)).to.deep.equal([['orgnr', 'navn'], ['1', 'Åse'], ['2', 'Øyvind']]);
    });

    it('when fields are empty or quoted empty, then they are empty strings', () => {
      expect(parseCsv('a;"";\n').records[0]!.fields).to.deep.equal(['a', '', '']);
    });

    it('when a quote is never closed, then a syntax error names the line it opened on', () => {
      expect(() => parseCsv('a,b\n1,"open\n2,3\n')).to.throw(CsvSyntaxError).with.property('line', 2);
    });

    it('when text follows a closing quote, then it is a syntax error on that line', () => {
      expect(() => parseCsv('a,b\n"x"y,2\n')).to.throw(CsvSyntaxError).with.property('reason', 'textAfterQuote');
    });
  });

  describe('readImportLines', () => {
    it('when the headers are English or Norwegian in any case and order, then the columns are found and blank lines skipped', () => {
      const lines = readImportLines('E-post;Navn;Kommune;FIRMA;Organisasjonsnummer\r\n\r\nkari@a.no;Kari;Oppdal;Gard AS;923 609 016\r\n');
      expect(lines).to.deep.equal([{
        line: 3, orgNumber: '923 609 016', companyName: 'Gard AS', personName: 'Kari', email: 'kari@a.no', municipality: 'Oppdal', extraFields: 0,
      }]);
    });

    it('when a required column is missing, then the file is refused naming it', () => {
      expect(() => readImportLines('orgnr,company,name\n1,2,3\n')).to.throw(ImportFileError)
        .that.satisfies((e: ImportFileError) => e.reason === 'missingColumns' && String(e.values.columns).includes('email'));
    });
  });

  describe('decodeCsvFile', () => {
    it('when the file holds NUL bytes, then it is refused as binary', () => {
      expect(() => decodeCsvFile(Buffer.from([0x6f, 0x72, 0x67, 0x00, 0x01, 0x02]))).to.throw(ImportFileError).with.property('reason', 'binary');
    });

    it('when the file is an Excel workbook, then the message says to save it as CSV', () => {
      expect(() => decodeCsvFile(Buffer.from('PK\u0003\u0004rest', 'latin1'))).to.throw(ImportFileError).with.property('reason', 'spreadsheet');
    });

    it('when the file is Latin-1 rather than UTF-8, then it is refused instead of garbling æ, ø and å', () => {
      expect(() => decodeCsvFile(Buffer.from('navn\nBjørkli\n', 'latin1'))).to.throw(ImportFileError).with.property('reason', 'notUtf8');
    });

    it('when the file is UTF-8 with a byte-order mark, then the text comes back whole', () => {
      expect(decodeCsvFile(Buffer.from('\uFEFFnavn\nBjørkli\n', 'utf8'))).to.equal('\uFEFFnavn\nBjørkli\n');
    });
  });
});
