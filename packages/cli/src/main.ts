import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import type { Args, CliCommand } from './command.js';
import { commands } from './commands/index.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** Carecast's version, from the CLI package's package.json. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

interface Parsed {
  args?: Args;
  /** Help or version text yargs produced instead of running a command. */
  output: string;
  error?: Error;
}

function parse(argv: readonly string[], loaded: readonly CliCommand[]): Parsed {
  const y = yargs([...argv])
    .scriptName('carecast')
    .usage('$0 <command> [options]\n\nSimulate children\'s care placements, with foster carers and beds, under policy levers.')
    .strict()
    .demandCommand(1, 'expected a command: ' + commands.map((c) => c.name).join(', '))
    .recommendCommands()
    .version(cliVersion())
    .help()
    .alias('h', 'help')
    .alias('v', 'version')
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .epilogue('Exit status: 0 done; 2 bad input or usage; 1 anything else. Docs: packages/scenario/README.md');
  for (const c of loaded) {
    y.command(c.command, c.describe, (b) => {
      const built = c.builder(b);
      for (const [cmd, what] of c.examples ?? []) built.example(cmd, what);
      return built;
    });
  }
  const result: Parsed = { output: '' };
  try {
    void y.parse([...argv], {}, (err, args, output) => {
      if (err) result.error = err;
      result.output = output;
      result.args = args as Args;
    });
  } catch (err) {
    result.error = err as Error;
  }
  return result;
}

/** Only the version is asked for: no command module is needed. */
const justVersion = (argv: readonly string[]): boolean => argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v');

/** Runs the carecast command line with `argv` (without `node carecast`); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const first = argv[0];
  const names = commands.map((c) => c.name);
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
    // The scenario package (and the engine behind it) loads only on this path and for the commands.
    const { didYouMean } = await import('@carecast/scenario');
    io.stderr.write(`carecast: unknown command "${first}"${didYouMean(first, names)}; expected one of ${names.join(', ')}\nRun "carecast --help" for usage.\n`);
    return EXIT.usage;
  }
  // The named command's module only; every module for the full `--help` and usage errors.
  const named = commands.find((c) => c.name === first);
  const entries = named !== undefined ? [named] : justVersion(argv) ? [] : commands;
  const loaded = await Promise.all(entries.map((c) => c.load()));
  const parsed = parse(argv, loaded);
  if (parsed.error !== undefined) {
    const usage = parsed.error instanceof UsageError || parsed.error.name === 'YError';
    if (!usage) throw parsed.error;
    io.stderr.write(`carecast: ${parsed.error.message}\nRun "carecast --help" for usage.\n`);
    return EXIT.usage;
  }
  if (parsed.output !== '') {
    io.stdout.write(`${parsed.output}\n`);
    return EXIT.ok;
  }
  const args = parsed.args!;
  const name = String(args._[0]);
  const command = loaded.find((c) => c.command.split(' ')[0] === name);
  if (command === undefined) {
    io.stderr.write(`carecast: unknown command "${name}"\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    const { ScenarioError } = await import('@carecast/scenario');
    if (err instanceof ScenarioError) {
      io.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`carecast ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    const e = err as Error;
    io.stderr.write(`carecast ${name}: ${e.message ?? String(err)}\n`);
    if (process.env['CARECAST_DEBUG']) io.stderr.write(`${e.stack ?? ''}\n`);
    return EXIT.failure;
  }
}
