import { nodeTooOld } from './supported-node';

const engines = '^22.19.0 || ^24.0.0 || ^26.0.0';

test.each(['20.19.0', '22.13.1', '22.18.0'])(
  'Node.js %s is refused, with the oldest supported version and how to install one',
  (version) => {
    const message = nodeTooOld(version, engines);
    expect(message).toContain(`Node.js ${version} is too old for this app`);
    expect(message).toContain('it needs 22.19.0 or later');
    expect(message).toContain('.nvmrc');
  },
);

test.each(['22.19.0', '22.22.1', '24.0.0', '26.12.1', '27.0.0'])(
  'Node.js %s is let through (a supported line, or a newer one)',
  (version) => {
    expect(nodeTooOld(version, engines)).toBeUndefined();
  },
);

test("package.json's own range accepts the Node.js running the tests", () => {
  expect(nodeTooOld()).toBeUndefined();
});
