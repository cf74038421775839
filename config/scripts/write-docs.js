'use strict';
// npm run docs:config — rewrites docs/configuration.md from the compiled schema.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { renderConfigDocs } = require('../dist/docs');

writeFileSync(path.resolve(__dirname, '../../docs/configuration.md'), renderConfigDocs());
process.stdout.write('wrote docs/configuration.md\n');
