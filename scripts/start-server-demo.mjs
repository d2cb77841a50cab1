// `npm run start:server`: the reference server on PGlite (demo data, demo tokens) and the demo
// page over HttpDataSource, together; Ctrl+C stops both.
import { spawn } from 'node:child_process';

const api = 'http://127.0.0.1:8787/api';
const children = [
  spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], { stdio: 'inherit' }),
  spawn('npx', ['vite', 'demo', '--port', '8000', '--open', 'false'], { stdio: 'inherit', env: { ...process.env, VITE_CIC_SERVER: api } }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
