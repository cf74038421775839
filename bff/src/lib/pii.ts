import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (PIPL): AES-256-GCM with a key id in every value, so keys rotate without rewriting
 * old rows, and a keyed hash for equality lookups that reveals nothing without the hash key.
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export class PiiCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    private readonly activeKeyId: string,
    private readonly hashKey: string,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`personal-data key ${id} must be 32 bytes`);
    }
    if (!this.keys.has(activeKeyId)) throw new Error(`active personal-data key ${activeKeyId} is not among the keys`);
  }

  /** From configuration: "id:base64key,id2:base64key". */
  static fromConfig(keys: string, activeKeyId: string, hashKey: string): PiiCipher {
    const parsed: Record<string, Buffer> = {};
    for (const pair of keys.split(',')) {
      const [id, key] = pair.split(':');
      if (id && key) parsed[id] = Buffer.from(key, key.includes('-') || key.includes('_') ? 'base64url' : 'base64');
    }
    return new PiiCipher(parsed, activeKeyId, hashKey);
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(this.activeKeyId));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.activeKeyId, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string {
    const [version, keyId, iv, tag, body] = stored.split('.');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (version !== 'v1' || !key || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('personal data cannot be decrypted: unknown format or key');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId as string));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for lookups (e.g. all cases from one phone number); phone numbers are normalised first. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value.replace(/[\s-]/g, '')).digest('hex');
  }
}

/** 13812345678 → 138****5678; 0395-1234567 → 0395-***4567. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const digits = phone.length;
  return digits <= 4 ? '****' : `${phone.slice(0, Math.min(5, digits - 4))}***${phone.slice(-4)}`;
}

/** 张三 → 张*; 欧阳娜娜 → 欧**娜; one character stays hidden entirely. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
