import { unsupportedNodeReason } from './supported-node';

// Imported first by each entry point, before any module that would crash or misbehave on an old Node.
const reason = unsupportedNodeReason(process.version);
if (reason) {
  process.stderr.write(`${reason}\n`);
  process.exit(1);
}
