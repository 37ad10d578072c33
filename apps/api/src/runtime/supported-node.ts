/**
 * The lowest Node.js the server runs on, as `engines` in package.json says: better-sqlite3 13 (the
 * embedded store) is built on Node-API for Node 22+ and crashes older runtimes at its first query, and
 * Nest 12 is loaded with require(esm), which is stable from 22.12.
 */
export const MINIMUM_NODE = { major: 22, minor: 12 } as const;

/** Why this Node cannot run the server, in one line, or undefined when it can. */
export function unsupportedNodeReason(version: string): string | undefined {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor)) return undefined;
  return (
    `Conduit Live needs Node.js ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or newer (24 recommended), and this is Node.js ${version}: ` +
    'start it with npm start or npm run serve, which use the Node 24 that npm ci installs, or install Node 24.'
  );
}
