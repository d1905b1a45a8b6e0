#!/usr/bin/env node
import { main } from './main.js';
import { keepYoungGenerationSmall } from './young-generation.js';

keepYoungGenerationSmall(process.argv[2]);

let finished = false;
// If the command's promise never settles (nothing left to wait for, a bug), Node would exit 0
// silently; say so and fail instead.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  process.stderr.write(
    'canon: the command stopped without finishing; this is a bug in Canon, please report it.\n',
  );
  process.exitCode = 2;
});

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  finished = true;
  process.exitCode = code;
});
