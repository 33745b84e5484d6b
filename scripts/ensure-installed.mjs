// Runs before `npm start` and `npm test`: checks the Node.js version, installs the locked
// dependencies when they are missing or older than package-lock.json, and builds the web
// application when the build is missing or older than its sources. So the README's two
// commands work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Basisfunctiemonitor needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.`,
  );
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.warn('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

const built = 'build/server/index.js';
const sources = ['app', 'src', 'package-lock.json', 'vite.config.ts', 'react-router.config.ts'];
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newestIn))) {
  console.warn('Building the web application (react-router build)…');
  run('npx', ['react-router', 'build']);
}
