// Second pass of `npm run lint`: no cycles between feature modules (bff/src/modules/*). db/ and http/ are left
// out: the entity list and the guards reach into features by design, and no feature reaches back through them.
const layers = require('./.dependency-cruiser.cjs');

const features = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment: 'Feature modules depend on one another in one direction only; a way back goes through a port.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...layers.options,
    exclude: { path: '(^|/)dist/|^bff/src/(db|http)/|^bff/src/[^/]+\\.ts$' },
  },
};

module.exports = features;
