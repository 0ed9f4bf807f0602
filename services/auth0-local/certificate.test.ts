import crypto, { X509Certificate } from 'node:crypto';
import { selfSignedCertificate, thumbprint } from './certificate';

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

test('is a certificate Node reads: self-signed, for the key, to CN=<name>, for ten years', () => {
  const der = selfSignedCertificate(privateKey, 'localhost');
  const certificate = new X509Certificate(der);
  expect(certificate.subject).toBe('CN=localhost');
  expect(certificate.issuer).toBe('CN=localhost');
  expect(certificate.verify(crypto.createPublicKey(privateKey))).toBe(true);
  expect(certificate.publicKey.equals(crypto.createPublicKey(privateKey))).toBe(true);
  const years =
    (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 86400_000);
  expect(Math.round(years)).toBe(10);
});

test('writes a validity past 2049 as GeneralizedTime', () => {
  const certificate = new X509Certificate(selfSignedCertificate(privateKey, 'localhost', 40));
  expect(new Date(certificate.validTo).getUTCFullYear()).toBeGreaterThanOrEqual(2065);
});

test('x5t is the SHA-1 thumbprint, as X509Certificate computes it', () => {
  const der = selfSignedCertificate(privateKey, 'localhost');
  const fromNode = new X509Certificate(der).fingerprint.replaceAll(':', '');
  expect(Buffer.from(thumbprint(der), 'base64url').toString('hex').toUpperCase()).toBe(fromNode);
});
