import { runCli } from './run-cli.js';

/** `npm run cli -- <command> …` (or `node dist/src/cli/cli.js` in the container). */
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
});
