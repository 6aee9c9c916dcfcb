import { expect } from 'chai';
import { isValidOrgNumber, normaliseOrgNumber } from '../../src/accounts/org-number.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../../src/accounts/password.js';

describe('accounts', () => {
  describe('isValidOrgNumber', () => {
    // Real organisation numbers from the Brønnøysund Register Centre's public register.
    for (const valid of ['974760673', '971526920', '923 609 016']) {
      it(`when given ${valid}, then it is valid`, () => expect(isValidOrgNumber(valid)).to.equal(true));
    }
    for (const invalid of ['974760674', '12345678', '1234567890', 'abcdefghi', '', '000000001']) {
      it(`when given "${invalid}", then it is invalid`, () => expect(isValidOrgNumber(invalid)).to.equal(false));
    }
    it('when the check digit would be 10, then no number is valid', () => {
      // 40000000x: 4 × 3 = 12, remainder 1, so the check digit would be 10: no such number exists.
      const candidates = Array.from({ length: 10 }, (_, digit) => `40000000${digit}`);
      expect(candidates.filter(isValidOrgNumber)).to.deep.equal([]);
    });
    it('when typed with spaces, then they are removed', () => expect(normaliseOrgNumber('923 609 016')).to.equal('923609016'));
  });

  describe('passwords', () => {
    it('when hashed, then only the same password verifies', async () => {
      const hash = await hashPassword('blåbærsyltetøy på brødskiva');
      expect(hash).to.match(/^scrypt\$32768\$8\$1\$/);
      expect(await verifyPassword('blåbærsyltetøy på brødskiva', hash)).to.equal(true);
      expect(await verifyPassword('blåbærsyltetøy på brødskivA', hash)).to.equal(false);
    });

    it('when the same password is hashed twice, then the hashes differ (salted)', async () => {
      expect(await hashPassword('samme passord igjen')).not.to.equal(await hashPassword('samme passord igjen'));
    });

    it('when a password is short, common, repetitive or contains the email name, then it is called weak', () => {
      expect(passwordWeakness('kort')).to.equal('accounts.password.tooShort');
      expect(passwordWeakness('password123')).to.equal('accounts.password.tooCommon');
      expect(passwordWeakness('aaaaaaaaaaaa')).to.equal('accounts.password.tooCommon');
      expect(passwordWeakness('kari.nordmann2025', 'kari.nordmann@example.no')).to.equal('accounts.password.containsEmail');
      expect(passwordWeakness('en lang og god setning')).to.equal(undefined);
    });
  });
});
