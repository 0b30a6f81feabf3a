import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Says what went wrong and exits. Declare it with this type (`const fail: Fail = ...`) so the compiler knows it does not return. */
export type Fail = (message: string, code?: number) => never;

/** A command's `fail`: says `moodstream <command>: <message>` on stderr and exits (2, a usage error, by default). */
export function failer(command: string): Fail {
  return (message, code = 2) => {
    process.stderr.write(`moodstream ${command}: ${message}\n`);
    process.exit(code);
  };
}

/**
 * The command line's options, or null when `--help` was asked for (the usage is then printed). An
 * unknown option, a missing value or a positional argument fails with the parser's message.
 */
export function readOptions<const O extends Options & { help: { type: 'boolean' } }>(options: O, usage: string, fail: Fail) {
  let values;
  try {
    ({ values } = parseArgs({ options, strict: true, allowPositionals: false }));
  } catch (err) {
    fail(`${(err as Error).message} (see --help)`);
  }
  // Every command has `--help` (the constraint on O); the parser's generic result type cannot show it.
  if ((values as { help?: boolean }).help) {
    process.stdout.write(usage + '\n');
    return null;
  }
  return values;
}
