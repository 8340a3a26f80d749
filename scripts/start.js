#!/usr/bin/env node
// `npm start`: builds when the sources are newer than the build, then runs the API and the
// worker together (the API migrates the database; the worker waits for it). Ctrl-C stops both.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const mains = {
  api: path.join(root, 'dist/apps/api/apps/api/src/main.js'),
  worker: path.join(root, 'dist/apps/worker/apps/worker/src/main.js'),
};

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  const built = Object.values(mains).map((m) => (fs.existsSync(m) ? fs.statSync(m).mtimeMs : 0));
  const sources = Math.max(
    newestSource(path.join(root, 'apps')),
    newestSource(path.join(root, 'libs')),
  );
  return Math.min(...built) < sources;
}

if (buildIsStale()) {
  process.stdout.write('[puente] building…\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 15_000).unref();
}

for (const [name, main] of Object.entries(mains)) {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[puente] ${name} exited (${code ?? signal}); stopping\n`);
    stopAll(code ?? 1);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null))
      process.exit(stopping ? 0 : (code ?? 1));
  });
  children.push(child);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(0));
