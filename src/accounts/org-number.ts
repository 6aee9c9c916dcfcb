const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Removes the spaces people type in organisation numbers ("923 609 016"). */
export function normaliseOrgNumber(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/**
 * True for a valid Norwegian organisation number: nine digits whose last is the
 * modulus-11 check digit of the first eight (weights 3 2 7 6 5 4 3 2), as the
 * Brønnøysund Register Centre assigns them.
 */
export function isValidOrgNumber(value: string): boolean {
  const digits = normaliseOrgNumber(value);
  if (!/^\d{9}$/.test(digits)) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === Number(digits[8]);
}
