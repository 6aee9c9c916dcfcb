import { expect } from 'chai';
import { readImportLines } from '../../src/imports/columns.js';
import { decodeCsvFile } from '../../src/imports/csv-file.js';
import { ImportFileError } from '../../src/imports/errors.js';

describe('imports', () => {
  describe('readImportLines', () => {
    it('when the headers are English or Norwegian in any case and order, then the columns are found and blank lines skipped', () => {
      const lines = readImportLines('E-post;Navn;Kommune;FIRMA;Organisasjonsnummer\r\n\r\nkari@a.no;Kari;Oppdal;Gard AS;923 609 016\r\n');
      expect(lines).to.deep.equal([{
        line: 3, orgNumber: '923 609 016', companyName: 'Gard AS', personName: 'Kari', email: 'kari@a.no', municipality: 'Oppdal', extraFields: 0,
      }]);
    });

    it('when a required column is missing, then the file is refused naming it', () => {
      expect(() => readImportLines('orgnr,company,name\n1,2,3\n')).to.throw(ImportFileError)
        .that.satisfies((e: ImportFileError) => e.reason === 'missingColumns' && String(e.params.columns).includes('email'));
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
