import packageJson from '../../package.json' with { type: 'json' };
import { registerDomains } from '../domains/registerDomains';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cliCommand';
import { identifyCommand } from './commands/identify';
import { inspectCommand } from './commands/inspect';
import { modelsCommand } from './commands/models';
import { peaksCommand } from './commands/peaks';
import { predictCommand } from './commands/predict';
import { processCommand } from './commands/process';
import { quantifyCommand } from './commands/quantify';

export type { CliIo } from './cliCommand';

/** The commands of `spectra`, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  inspectCommand,
  peaksCommand,
  identifyCommand,
  modelsCommand,
  predictCommand,
  processCommand,
  quantifyCommand,
];

/** Version of the workbench, from package.json. */
export const VERSION: string = packageJson.version;

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `Usage: spectra <command> [options]

Commands:
${list}

Options:
  -h, --help     show this help (spectra <command> --help for a command's own)
  -V, --version  print the version

Exit code: 0 on success, 1 when a file could not be read, 2 for a usage error.
`;
}

/**
 * The `spectra` command line: runs `argv` (without node and script) and resolves to the exit code.
 * All input and output goes through `io`, so tests run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  registerDomains();
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(usage());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(usage());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? 'option' : 'command';
    io.stderr(`spectra: unknown ${what} "${first}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`spectra ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    io.stderr(`spectra ${command.name}: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
