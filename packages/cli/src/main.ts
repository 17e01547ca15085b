import { readFileSync } from 'node:fs';
import { didYouMean, ScenarioError } from '@carecast/scenario';
import yargs from 'yargs';
import type { Args } from './command.js';
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

function parse(argv: readonly string[]): Parsed {
  const y = yargs([...argv])
    .scriptName('carecast')
    .usage('$0 <command> [options]\n\nSimulate children\'s care placements, with foster carers and beds, under policy levers.')
    .strict()
    .demandCommand(1, 'expected a command: ' + commands.map((c) => c.command.split(' ')[0]).join(', '))
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
  for (const c of commands) {
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

/** Runs the carecast command line with `argv` (without `node carecast`); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const first = argv[0];
  const names = commands.map((c) => c.command.split(' ')[0]!);
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
    io.stderr.write(`carecast: unknown command "${first}"${didYouMean(first, names)}; expected one of ${names.join(', ')}\nRun "carecast --help" for usage.\n`);
    return EXIT.usage;
  }
  const parsed = parse(argv);
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
  const command = commands.find((c) => c.command.split(' ')[0] === name);
  if (command === undefined) {
    io.stderr.write(`carecast: unknown command "${name}"\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
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
