/**
 * A certificate authority made for one rehearsal run, and the certificates it
 * issues: one for the stand-in tenant's host name and, in the deployed-shape
 * rehearsal, one for the reverse proxy in front of the app (its own key, as a
 * host's edge and Auth0 never share one). Nothing is installed anywhere:
 * Node processes trust the authority through NODE_EXTRA_CA_CERTS, Chromium
 * trusts the one server key through a launch argument (chromium-args.ts),
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

/** A server's certificate and private key (PEM files) and the hash Chromium trusts it by. */
export type ServerCertificate = {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the server's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
};

export type StandInCertificates = ServerCertificate & {
  /** The authority's certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Issues another server certificate from the same authority, into the same folder. */
  issue: (name: string, hosts: string[]) => Promise<ServerCertificate>;
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
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, ca.toString('pem'));

  /** A server certificate for `hosts`, written as `<name>-cert.pem` and `<name>-key.pem`. */
  const issue = async (name: string, hosts: string[]): Promise<ServerCertificate> => {
    const serverKeys = await generateKeys();
    const server = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=Tenant rehearsal ${name} (one run only)`,
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
        // The names it is for: browsers and Node look here (the CN above is only a label).
        new x509.SubjectAlternativeNameExtension(
          hosts.map((value) => ({ type: 'dns' as const, value })),
        ),
        await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    });
    const certFile = path.join(dir, `${name}-cert.pem`);
    const keyFile = path.join(dir, `${name}-key.pem`);
    fs.writeFileSync(certFile, server.toString('pem'));
    const privateKey = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
    fs.writeFileSync(keyFile, pem('PRIVATE KEY', privateKey), { mode: 0o600 });
    const spki = await webcrypto.subtle.exportKey('spki', serverKeys.publicKey);
    const spkiSha256 = createHash('sha256').update(Buffer.from(spki)).digest('base64');
    return { certFile, keyFile, spkiSha256 };
  };

  return { caFile, ...(await issue('server', [host])), issue };
}
