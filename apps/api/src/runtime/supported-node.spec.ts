import { unsupportedNodeReason } from './supported-node';

describe('unsupportedNodeReason', () => {
  it.each(['v22.12.0', 'v22.23.3', 'v23.0.0', 'v24.21.0', 'v26.1.0'])('accepts %s', (version) => {
    expect(unsupportedNodeReason(version)).toBeUndefined();
  });

  it.each(['v20.20.2', 'v22.11.9', 'v18.20.0', 'v21.7.3'])('refuses %s, naming it and the version needed', (version) => {
    const reason = unsupportedNodeReason(version);
    expect(reason).toContain(`this is Node.js ${version}`);
    expect(reason).toContain('22.12 or newer');
    expect(reason).not.toContain('\n');
  });
});
