import { expect } from 'chai';
import { CsvSyntaxError, detectDelimiter, parseCsv } from '../../src/shared/csv.js';

describe('csv', () => {
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

  describe('line endings and delimiters', () => {
    it('when lines end in CRLF, LF or a lone CR, then each ends a record', () => {
      expect(parseCsv('a,b\r\nc,d\re,f\ng,h').records.map((r) => r.fields)).to.deep.equal([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
    });

    it('when the header has more semicolons than commas, then semicolon is the delimiter', () => {
      expect(detectDelimiter('email;status\nx,y;z')).to.equal(';');
      expect(detectDelimiter('email,status\n')).to.equal(',');
      expect(detectDelimiter('"e;mail",status\n')).to.equal(',');
    });
  });
});
