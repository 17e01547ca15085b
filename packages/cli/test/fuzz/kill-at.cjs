// Preloaded into the kill test's child: counts the file-system calls of node:fs/promises and kills the
// process (SIGKILL, as an OOM killer or a power cut would) just before call number KILL_AT. With
// COUNT_FILE set, the names of the calls, in order, are written there (JSON) at exit.
const fsp = require('node:fs/promises');
const { syncBuiltinESMExports } = require('node:module');
const { writeFileSync } = require('node:fs');

const killAt = Number(process.env.KILL_AT ?? 0);
let calls = 0;
const names = [];
for (const name of ['mkdir', 'writeFile', 'rename', 'symlink', 'rm', 'rmdir', 'unlink', 'readdir', 'lstat', 'readFile', 'readlink', 'stat']) {
  const original = fsp[name];
  fsp[name] = function (...args) {
    calls++;
    names.push(name);
    if (calls === killAt) process.kill(process.pid, 'SIGKILL');
    return original.apply(this, args);
  };
}
syncBuiltinESMExports();
if (process.env.COUNT_FILE) process.on('exit', () => writeFileSync(process.env.COUNT_FILE, JSON.stringify(names)));
