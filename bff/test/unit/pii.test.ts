import { randomBytes } from 'node:crypto';
import { maskName, maskPhone, PiiCipher } from '../../src/lib/pii';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('personal data encryption', () => {
  test('when a value is encrypted, then it decrypts and never appears in the stored form', () => {
    const cipher = new PiiCipher({ k1 }, 'k1', 'h'.repeat(32));
    const stored = cipher.encrypt('13812345678');
    expect(stored).not.toContain('13812345678');
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(stored)).toBe('13812345678');
    expect(cipher.encrypt('13812345678')).not.toBe(stored);
  });

  test('when the key rotates, then old values still decrypt and new ones use the new key', () => {
    const old = new PiiCipher({ k1 }, 'k1', 'h'.repeat(32)).encrypt('张三');
    const rotated = new PiiCipher({ k1, k2 }, 'k2', 'h'.repeat(32));
    expect(rotated.decrypt(old)).toBe('张三');
    expect(rotated.encrypt('李四').startsWith('v1.k2.')).toBe(true);
  });

  test('when the stored value is tampered with or its key id swapped, then decryption fails', () => {
    const cipher = new PiiCipher({ k1, k2 }, 'k1', 'h'.repeat(32));
    const stored = cipher.encrypt('13812345678');
    const parts = stored.split('.');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    expect(() => cipher.decrypt([...parts.slice(0, 4), body.toString('base64url')].join('.'))).toThrow();
    expect(() => cipher.decrypt(['v1', 'k2', ...parts.slice(2)].join('.'))).toThrow();
    expect(() => cipher.decrypt('plain text')).toThrow('cannot be decrypted');
  });

  test('when phone numbers differ only by separators, then their lookup hashes match', () => {
    const cipher = new PiiCipher({ k1 }, 'k1', 'h'.repeat(32));
    expect(cipher.lookupHash('0395-1234567')).toBe(cipher.lookupHash('03951234567'));
    expect(new PiiCipher({ k1 }, 'k1', 'x'.repeat(32)).lookupHash('13812345678')).not.toBe(
      cipher.lookupHash('13812345678'),
    );
  });

  test('when configuration gives keys as text, then they are parsed and checked', () => {
    const cipher = PiiCipher.fromConfig(
      `a:${k1.toString('base64')},b:${k2.toString('base64url')}`,
      'b',
      'h'.repeat(32),
    );
    expect(cipher.decrypt(cipher.encrypt('x'))).toBe('x');
    expect(() => PiiCipher.fromConfig(`a:${k1.toString('base64')}`, 'missing', 'h')).toThrow('not among the keys');
  });
});

describe('masking', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['0395-1234567', '0395-***4567'],
  ])('when the phone is %s, then it is shown as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test.each([
    ['张', '*'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['𠀀明', '𠀀*'],
  ])('when the name is %s, then it is shown as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
