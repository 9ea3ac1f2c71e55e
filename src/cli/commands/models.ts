import { toErrorInfo } from '../../core/errors';
import { listModelCards } from '../../ml/registry/modelRegistry';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';

const USAGE = `Usage: spectra models [--json]

Lists the shipped models with their cards: task, domain, input contract, outputs, the headline
metric measured on a held-out simulated set, results on real data, and limitations.

Options:
  --json      print the model cards as a JSON array (schema: spectralligence.model-card v1)
  -h, --help  show this help
`;

/** `spectra models [--json]`. */
export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'list the shipped models and their model cards',
  usage: USAGE,
  async run(args, io) {
    const json = args.includes('--json');
    for (const arg of args)
      if (!['--json', '--help', '-h'].includes(arg)) throw new UsageError(`unknown argument "${arg}"`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (!io.models) throw new Error('no model source configured');
    try {
      const cards = await listModelCards(io.models);
      if (json) {
        io.stdout(`${JSON.stringify(cards, null, 2)}\n`);
        return EXIT_OK;
      }
      if (cards.length === 0) io.stdout('No models shipped yet.\n');
      for (const card of cards) {
        const h = card.metrics.headline;
        io.stdout(
          `${card.id}  ${card.task}  ${card.domain}  ${h.name} ${Number(h.value.toPrecision(4))} (held-out, simulated)\n  ${card.summary}\n`,
        );
      }
      return EXIT_OK;
    } catch (error) {
      const info = toErrorInfo(error);
      io.stderr(`spectra models: ${info.file ? `${info.file}: ` : ''}${info.message} [${info.code}]\n`);
      return EXIT_FAILURE;
    }
  },
};
