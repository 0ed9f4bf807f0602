/**
 * A certificate authority made for one rehearsal run, and a certificate it
 * issues for the stand-in tenant's host name. Nothing is installed anywhere:
 * Node processes trust the authority through NODE_EXTRA_CA_CERTS, Chromium
 * trusts the one server key through a launch argument (e2e/stand-in-tenant.ts),
 * and both files are deleted when the run ends.
 *
 * Pure Node (WebCrypto and @peculiar/x509), so it works the same on Linux,
 * macOS and Windows without openssl.
 */
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it, loaded first.
import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export type StandInCertificates = {
  /** The authority's certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The server's certificate and private key (PEM), for the stand-in tenant. */
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the server's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
};

const generateKeys = () =>
  webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

const randomSerial = () => `01${webcrypto.getRandomValues(Buffer.alloc(15)).toString('hex')}`;

function pem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

/** Writes the authority and a certificate for `host` into `dir` (valid one day). */
export async function createCertificates(dir: string, host: string): Promise<StandInCertificates> {
  // A minute back, so a clock a little behind still accepts them.
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + ONE_DAY_MS);

  const caKeys = await generateKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Tenant rehearsal CA (one run only)',
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: caKeys,
    extensions: [
      // May sign server certificates, not other authorities.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const serverKeys = await generateKeys();
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=Tenant rehearsal stand-in (one run only)',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      // The name it is for: browsers and Node look here (the CN above is only a label).
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const files = {
    caFile: path.join(dir, 'ca.pem'),
    certFile: path.join(dir, 'server-cert.pem'),
    keyFile: path.join(dir, 'server-key.pem'),
  };
  fs.writeFileSync(files.caFile, ca.toString('pem'));
  fs.writeFileSync(files.certFile, server.toString('pem'));
  const privateKey = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  fs.writeFileSync(files.keyFile, pem('PRIVATE KEY', privateKey), { mode: 0o600 });

  const spki = await webcrypto.subtle.exportKey('spki', serverKeys.publicKey);
  return { ...files, spkiSha256: createHash('sha256').update(Buffer.from(spki)).digest('base64') };
}
