import { expect } from 'chai';
import { asciiFileName, attachmentDisposition, sanitiseFileName } from '../../src/materials/file-name.js';

describe('materials', () => {
  describe('file names', () => {
    it('when the name carries a path, then only the last part is kept', () => {
      expect(sanitiseFileName('../../x.pdf', 'pdf')).to.equal('x.pdf');
      expect(sanitiseFileName('C:\\Users\\kari\\plan.pdf', 'pdf')).to.equal('plan.pdf');
    });

    it('when the extension disagrees with the content, then the detected one wins', () => {
      expect(sanitiseFileName('bilde.pdf', 'png')).to.equal('bilde.png');
      expect(sanitiseFileName('Budsjett 2025', 'xlsx')).to.equal('Budsjett 2025.xlsx');
    });

    it('when the name hides control or direction characters, then they are removed', () => {
      expect(sanitiseFileName('faktura\u202Efdp.exe', 'pdf')).to.equal('fakturafdp.pdf');
      expect(sanitiseFileName('a\u0000b\r\nc.pdf', 'pdf')).to.equal('abc.pdf');
    });

    it('when the name has Norwegian letters, then they stay and unsafe marks become underscores', () => {
      expect(sanitiseFileName('Blåbær og rømme: <oppskrift>.docx', 'docx')).to.equal('Blåbær og rømme_ _oppskrift_.docx');
    });

    it('when nothing usable is left, then the name falls back to material.<ext>', () => {
      expect(sanitiseFileName('..', 'pdf')).to.equal('material.pdf');
      expect(sanitiseFileName('.pdf', 'mp4')).to.equal('material.mp4');
      expect(sanitiseFileName('', 'jpg')).to.equal('material.jpg');
    });

    it('when the name is very long, then it is cut but keeps its extension', () => {
      const name = sanitiseFileName(`${'x'.repeat(500)}.pdf`, 'pdf');
      expect(name).to.have.length(124);
      expect(name.endsWith('.pdf')).to.equal(true);
    });

    it('when a name is sent, then the fallback is plain ASCII and filename* is percent-encoded UTF-8', () => {
      expect(asciiFileName('Årsmøte Æsj.pdf')).to.equal('Arsmote AEsj.pdf');
      expect(attachmentDisposition("Kari's plan (v2).pdf")).to.equal(
        'attachment; filename="Kari\'s plan (v2).pdf"; filename*=UTF-8\'\'Kari%27s%20plan%20%28v2%29.pdf');
    });
  });
});
