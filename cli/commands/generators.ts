import { type Command, EXIT, formatOption, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';

const HELP = `Usage: canon generators [--format text|json] [--config <file>]

Lists the built-in generators and the third-party ones named in canon.config.json
("generators": [paths or package names]), with what each depends on.

Exit codes: 0 listed, 2 usage error or a generator that cannot be loaded.`;

export const command: Command = {
  name: 'generators',
  summary: 'List the available generators',
  help: HELP,
  async run(argv, io) {
    const { values } = parseCommandArgs(
      argv,
      { format: { type: 'string' }, config: { type: 'string' } },
      'generators',
    );
    const format = formatOption(values.format, ['text', 'json'] as const, 'generators');
    const config = await loadConfig(io.cwd, values.config);
    const { BUILT_IN_GENERATORS, GeneratorError, loadBuiltIn, loadThirdPartyGenerators } = await import(
      '../../generators/registry.js'
    );
    const modules = config.raw.generators;
    if (modules !== undefined && (!Array.isArray(modules) || modules.some((m) => typeof m !== 'string'))) {
      throw new UsageError(
        `"generators" in ${config.file} must be an array of module paths or package names.`,
      );
    }
    const rows: { name: string; description: string; dependencies: string[]; source: string }[] = [];
    try {
      for (const name of Object.keys(BUILT_IN_GENERATORS)) {
        const generator = await loadBuiltIn(name);
        if (generator)
          rows.push({
            name,
            description: generator.description,
            dependencies: generator.dependencies ?? [],
            source: 'built-in',
          });
      }
      const thirdParty = await loadThirdPartyGenerators({
        modules: (modules as string[] | undefined) ?? [],
        baseDir: config.dir,
      });
      for (const [name, generator] of thirdParty) {
        rows.push({
          name,
          description: generator.description,
          dependencies: generator.dependencies ?? [],
          source: 'canon.config.json',
        });
      }
    } catch (error) {
      if (error instanceof GeneratorError) throw new UsageError(error.message);
      throw error;
    }
    if (format === 'json') {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const row of rows) {
      const deps = row.dependencies.length > 0 ? ` (uses ${row.dependencies.join(', ')})` : '';
      const source = row.source === 'built-in' ? '' : ` [${row.source}]`;
      io.out(`${row.name.padEnd(width)}  ${row.description}${deps}${source}\n`);
    }
    return EXIT.ok;
  },
};
