/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of the app and says where its
 * time went. Each sample is charged to the first package found walking up
 * from the running function, so Node's own code (sockets, streams, HTTP
 * parsing) counts for whoever asked for it; with no package on the stack it
 * counts as Node's HTTP server itself. Work that Node runs on its thread
 * pool (the crypto of `crypto.hkdf` and WebCrypto) is not on this thread and
 * not in the profile; only the main thread's share of it is.
 */
import fs from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const groups: [label: string, test: RegExp][] = [
  ['Auth0 SDK: session cookie read (jose, hkdf, cookies)', /\/(jose|@panva\/hkdf)\//],
  ['Auth0 SDK: its own code', /\/@auth0\/nextjs-auth0\/|\/@edge-runtime\/cookies\//],
  ['upstream call (undici)', /\/undici\//],
  ['Next.js server (routing, API route, response)', /\/next\//],
];
const special = new Map([
  ['(garbage collector)', 'garbage collection'],
  ['(program)', 'V8 and native code outside JavaScript'],
]);
// The build bundles some packages into `.next/server`: a bundled file that
// holds the SDK counts as the SDK, the others as the app's own bundle.
const APP_BUNDLE = "app bundle: our route and lib/, Next's route wrapper";
const bundledFileLabel = new Map<string, string>();
function labelBundledFile(url: string): string {
  if (!bundledFileLabel.has(url)) {
    const text = fs.readFileSync(url.replace(/^file:\/\//, ''), 'utf8');
    bundledFileLabel.set(
      url,
      text.includes('nextjs-auth0') ? 'Auth0 SDK: its own code' : APP_BUNDLE,
    );
  }
  return bundledFileLabel.get(url)!;
}

const NODE_ONLY = 'Node.js HTTP server, sockets, timers (no package on the stack)';
const OTHER = 'other packages';

export type ProfileSummary = { busyMs: number; rows: { label: string; ms: number }[] };

/** Summarizes the profile's last `windowMs` (the load; start-up and warm-up come before it). */
export function summarizeCpuProfile(file: string, windowMs: number): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const labelCache = new Map<number, string | undefined>();
  const labelOf = (id: number): string | undefined => {
    if (labelCache.has(id)) return labelCache.get(id);
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    let label: string | undefined;
    if (special.has(functionName)) label = special.get(functionName);
    else if (functionName === '(idle)') label = undefined;
    else if (url.startsWith('file://') || url.startsWith('/')) {
      label = /\.next\/server\//.test(url)
        ? labelBundledFile(url)
        : (groups.find(([, test]) => test.test(url))?.[0] ?? OTHER);
    } else {
      const up = parent.get(id);
      label = up === undefined ? NODE_ONLY : labelOf(up);
    }
    labelCache.set(id, label);
    return label;
  };

  const totals = new Map<string, number>();
  const end = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  let time = 0;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (time < end - windowMs * 1000) return;
    const label = labelOf(id);
    if (label) totals.set(label, (totals.get(label) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const rows = [...totals]
    .map(([label, micros]) => ({ label, ms: micros / 1000 }))
    .sort((a, b) => b.ms - a.ms);
  return { busyMs: rows.reduce((sum, row) => sum + row.ms, 0), rows };
}
