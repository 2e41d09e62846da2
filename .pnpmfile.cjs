// pnpm loads this file before it does anything else (install, run, test), so an old Node stops here with one line
// that says what to do, instead of a warning followed by a stack trace from deep inside the build. CommonJS and
// plain syntax on purpose: it must run on any Node that can run pnpm.
const wanted = require('./package.json').engines.node; // ">=22.18"
const [, wantedMajor, wantedMinor] = /^>=(\d+)\.(\d+)/.exec(wanted).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < wantedMajor || (major === wantedMajor && minor < wantedMinor)) {
  console.error(
    `Spejl needs Node.js ${wanted.slice(2)} or newer (24 recommended), but this is Node.js ${process.versions.node}. ` +
      "Run the README's commands as written (npx -y -p node@24 -p pnpm@10 -c '…' fetches Node 24 for them), " +
      'or install Node 24 from https://nodejs.org (nvm install reads .nvmrc).',
  );
  process.exit(1);
}

module.exports = {};
