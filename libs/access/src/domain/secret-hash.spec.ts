import { hashSecret, verifySecret } from './secret-hash';

describe('secret hash', () => {
  const cheap = { logN: 10, r: 8, p: 1 };

  it('verifies the right secret and refuses a wrong one', async () => {
    const sut = await hashSecret('correct horse', cheap);
    await expect(verifySecret('correct horse', sut)).resolves.toBe(true);
    await expect(verifySecret('correct hors', sut)).resolves.toBe(false);
  });

  it('stores the cost parameters and a per-hash salt', async () => {
    const first = await hashSecret('same', cheap);
    const second = await hashSecret('same', cheap);
    expect(first).toMatch(/^scrypt\$ln=10,r=8,p=1\$/);
    expect(first).not.toBe(second);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifySecret('x', 'plain-text-password')).resolves.toBe(false);
    await expect(verifySecret('x', 'scrypt$ln=30,r=8,p=1$AAAA$AAAA')).resolves.toBe(false);
  });
});
