/**
 * 全国地方公共団体コード: 5 digits and a check digit. The check digit is the ones digit of
 * 11 − (Σ digit × weight 6,5,4,3,2) mod 11, as the Ministry of Internal Affairs defines it
 * (131016 千代田区, 011002 札幌市, 432121 上天草市).
 */
export function localGovCheckDigit(first5: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first5[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidLocalGovCode(code: string): boolean {
  return /^\d{6}$/.test(code) && localGovCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
