import { isValidCreditCode, isValidResidentIdNumber, maskIdNumber } from '../src/disclosure-ids';

describe('identity numbers on disclosure applications', () => {
  test('when a 居民身份证 number has the right check character and a real birth date, then it passes; any other, not', () => {
    // The standard's own examples (GB 11643-1999), one ending in X.
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('440524188001010014')).toBe(true);
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false); // wrong check character
    expect(isValidResidentIdNumber('11010519490231002X')).toBe(false); // 31 February
    expect(isValidResidentIdNumber('11010519491231002')).toBe(false); // 17 characters
    expect(isValidResidentIdNumber('11010519491231002x')).toBe(false); // lower case: the schema upper-cases first
  });

  test('when a 统一社会信用代码 has the right MOD 31 check character and only allowed characters, then it passes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000600037341L')).toBe(true);
    expect(isValidCreditCode('913501000000100Y43')).toBe(false); // wrong check character
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false); // I is not among the 31 characters
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });

  test('when a number is shown masked, then only its first and last characters remain', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('E12345678')).toBe('E1***5678');
    expect(maskIdNumber('12345')).toBe('*****');
  });
});
