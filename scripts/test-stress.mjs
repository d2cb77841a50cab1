// `npm run test:stress`: the whole `npm test` while busy loops keep every core occupied, as on a
// laptop that builds beside the tests or a shared CI machine. Its verdict is npm test's.
// The loops end with the tests (and after CIC_STRESS_MAX_MINUTES, 60 by default, at the latest).
import { fork, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const loops = Number(process.env.CIC_STRESS_LOOPS ?? availableParallelism());
const maxMs = Number(process.env.CIC_STRESS_MAX_MINUTES ?? 60) * 60_000;

if (process.argv[2] === '--spin') {
  const end = Date.now() + maxMs;
  while (Date.now() < end) Math.sqrt(Math.random());
  process.exit(0);
}

const spinners = Array.from({ length: loops }, () => fork(new URL(import.meta.url).pathname, ['--spin'], { stdio: 'ignore' }));
const stopSpinners = () => spinners.forEach((spinner) => spinner.kill('SIGKILL'));
process.on('exit', stopSpinners);
console.log(`[test-stress] ${loops} busy loops started; running npm test beside them.`);

const tests = spawn('npm', ['test'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => tests.kill(signal));
tests.on('exit', (code, signal) => {
  stopSpinners();
  console.log(`[test-stress] npm test ${code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`} with ${loops} busy loops beside it.`);
  process.exit(code ?? 1);
});
