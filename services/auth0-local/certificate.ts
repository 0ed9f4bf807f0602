/**
 * A self-signed X.509 certificate for the signing key, as Auth0 publishes
 * one in its JWKS (`x5c`, and its SHA-1 thumbprint `x5t`): some libraries
 * verify tokens with the certificate rather than with `n` and `e`. Node can
 * read certificates but not write them, and the DER of one self-signed
 * certificate is short enough to write here rather than add a dependency.
 */
import crypto from 'node:crypto';

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : (() => {
          const bytes = Buffer.from(
            body.length.toString(16).padStart(body.length > 0xff ? 4 : 2, '0'),
            'hex',
          );
          return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const sequence = (...content: Buffer[]) => der(0x30, ...content);

function integer(value: Buffer): Buffer {
  // Positive: a leading zero byte when the high bit is set.
  return der(0x02, value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) base128.unshift((n & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280, 4.1.2.5). */
function time(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(text.slice(2)))
    : der(0x18, Buffer.from(text));
}

const SHA256_WITH_RSA = sequence(objectIdentifier('1.2.840.113549.1.1.11'), Buffer.from([5, 0]));

/** A certificate (DER) for an RSA key, issued by itself to `CN=<commonName>`. */
export function selfSignedCertificate(
  privateKey: crypto.KeyObject,
  commonName: string,
  years = 10,
): Buffer {
  const name = sequence(
    der(0x31, sequence(objectIdentifier('2.5.4.3'), der(0x0c, Buffer.from(commonName)))),
  );
  const notBefore = new Date();
  notBefore.setUTCMilliseconds(0);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  const serial = crypto.randomBytes(16);
  serial[0]! &= 0x7f;
  const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    SHA256_WITH_RSA,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey,
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  return sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
}

/** `x5t`: the certificate's SHA-1 thumbprint, base64url, as Auth0 publishes it. */
export function thumbprint(certificate: Buffer): string {
  return crypto.createHash('sha1').update(certificate).digest('base64url');
}
