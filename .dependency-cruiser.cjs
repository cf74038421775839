// The BFF's layers, checked by `npm run lint`: routes → services → repositories, adapters for outside systems,
// one composition root. Cycles between feature modules are the second pass (.dependency-cruiser.features.cjs).

// The server starts the HTTP listener, so it may install its low-level handlers (client-error.ts) like app.ts.
const HTTP_ALLOWED = '^bff/src/(http/|app\\.ts$|server\\.ts$|modules/[^/]+/[^/]+\\.routes\\.ts$)';

const layers = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module imports itself back through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-only-in-routes',
      comment: 'HTTP is the routes’ business: services, repositories, adapters and jobs know nothing of it.',
      severity: 'error',
      from: { path: '^bff/src/', pathNot: HTTP_ALLOWED },
      to: { path: '^bff/src/http/' },
    },
    {
      name: 'adapters-stand-alone',
      comment: 'An adapter talks to one outside system; it imports no feature module and nothing of HTTP.',
      severity: 'error',
      from: { path: '^bff/src/adapters/' },
      to: { path: '^bff/src/(modules|http)/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      comment: 'compose.ts builds everything; only the server starts it (tests may too).',
      severity: 'error',
      from: { path: '^bff/src/', pathNot: '^bff/src/server\\.ts$' },
      to: { path: '^bff/src/compose\\.ts$' },
    },
    {
      name: 'features-take-narrow-deps',
      comment:
        'Features, libraries, adapters and the database layer declare what they need; they never reach for the app, the jobs or the whole set of collaborators.',
      severity: 'error',
      from: { path: '^bff/src/(modules|lib|adapters|db)/' },
      to: { path: '^bff/src/(app|jobs|server|main|deps|compose)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    // Type-only imports count: a cycle of types is still a cycle for a reader.
    tsPreCompilationDeps: true,
  },
};

module.exports = layers;
