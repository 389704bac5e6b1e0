// Runs `npm ci` only when node_modules does not hold what package-lock.json pins: npm keeps a copy of what it
// installed in node_modules/.package-lock.json, so the check is a comparison of two files. The Maven build
// calls this on every build; most of the time it does nothing and takes milliseconds.
// Usage: node ensure-deps.mjs [package dir, default the one above this script]
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..');

function packages(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).packages ?? {} : undefined;
}

const locked = packages(join(root, 'package-lock.json'));
const installed = packages(join(root, 'node_modules', '.package-lock.json'));
// The lock lists the root package under ""; optional packages (other platforms' binaries) may be absent.
const missing = installed === undefined ? ['node_modules']
  : Object.entries(locked).filter(([path, entry]) => path !== '' && !entry.optional)
    .filter(([path, entry]) => installed[path]?.version !== entry.version).map(([path]) => path);
if (missing.length > 0) {
  console.log(`installing the npm dependencies of ${root} (npm ci; missing or other versions: ${missing.slice(0, 3).join(', ')}...)`);
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
