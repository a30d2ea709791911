// dependency-cruiser: the module boundaries of src/. Every rule is an error. Run by `npm run lint`
// (scripts/lint.mjs) as
//   depcruise src --config .dependency-cruiser.cjs --ignore-known .dependency-cruiser-known-violations.json
//
// KNOWN VIOLATIONS (.dependency-cruiser-known-violations.json, written by
// `npx depcruise-baseline src --config .dependency-cruiser.cjs`): tolerated for now, never added to. The list
// can only shrink: scripts/lint.mjs fails when a listed violation no longer occurs, until its entry is removed.
// It is empty: the cookie helpers moved to auth/cookies.ts and the issued-documents register to src/issued-documents/.

/** The feature folders: each owns its entities, services, controllers and rules. */
const FEATURES = '(attachments|access|units|clusters|criteria|pledges|scoring|awards|leadership|audit|auth|health|issued-documents|legal)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'feature-not-to-web',
      severity: 'error',
      comment: 'Features serve the JSON API and the pages alike; the server-rendered pages (src/web/) build on features, never the reverse.',
      from: { path: `^src/${FEATURES}/` },
      to: { path: '^src/web/' },
    },
    {
      name: 'documents-not-to-features-or-database',
      severity: 'error',
      comment: 'src/documents/ draws PDFs and workbooks and signs them, from plain data it is handed: it does not reach into features or the database.',
      from: { path: '^src/documents/' },
      to: { path: [`^src/${FEATURES}/`, '^src/database/'] },
    },
    {
      name: 'seed-through-public-feature-files',
      severity: 'error',
      comment:
        'The seed writes through what a feature publishes: its module, services, repositories, entities, rules and DTOs ' +
        '(file names *.module.ts, *.service.ts, *.repository.ts, *.entity.ts, *.entities.ts, *.rules.ts, *.dto.ts at the top of the feature ' +
        'folder). Anything else is a feature internal. (The Role enum, the type of User.role, is in src/common/auth/, outside the features.)',
      from: { path: '^src/database/seed/' },
      to: {
        path: `^src/${FEATURES}/`,
        pathNot: `^src/${FEATURES}/[^/]+\\.(module|service|repository|entity|entities|rules|dto)\\.ts$`,
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle: load order decides what is undefined at import time, and neither side can be understood alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or a package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package that is not in package.json (it works only because something else installed it).',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Production code (src/) must not import devDependencies: `npm ci --omit=dev` would break it.',
      from: { path: '^src/', pathNot: '\\.d\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^dist/', '^src/web/static/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['main', 'types', 'typings'] },
    skipAnalysisNotInRules: true,
  },
};
