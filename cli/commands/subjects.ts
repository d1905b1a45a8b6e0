import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, EXIT, formatOption, type Io, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { readText } from '../read-text.js';
import {
  SubjectApiError,
  SubjectConnectionError,
  SubjectsClient,
  subjectPath,
} from '../registry/subjects-client.js';
import { registryTarget } from '../registry/target.js';

const HELP = `Usage: canon subjects <action> [arguments] [--registry <url>] [--format text|json]

JSON Schema subjects in the registry, through its Confluent-compatible API (docs/subjects.md).

Actions:
  list                                   the subjects your token may read
  register <subject> <schema.json>       register a schema; refused (exit 1) when incompatible
           [--reference name=subject:version]...
  check <subject> <schema.json>          would it be accepted? against the versions the subject's
           [--version N|latest]          level requires, or one version
  get <subject> [--version N|latest]     print a version's schema (default latest)
  types <subject> [--version N] [--out f] TypeScript types of a version's schema
  types --file <schema.json> [--out f]    (json-schema-to-typescript, docs/generators.md)
  compatibility <subject|--global> [LEVEL] [--policy STRICT|LENIENT]
                                         print, or set, the compatibility level: NONE, BACKWARD,
                                         BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,
                                         FULL_TRANSITIVE

The token comes from CANON_TOKEN (register needs publish, compatibility admin).
Exit codes: 0 done (check: compatible), 1 refused or incompatible, 2 usage error, an unreadable
            file, an unreachable registry or a token that may not do it.`;

const OPTIONS = {
  registry: { type: 'string' },
  format: { type: 'string' },
  version: { type: 'string' },
  reference: { type: 'string', multiple: true },
  global: { type: 'boolean' },
  policy: { type: 'string' },
  file: { type: 'string' },
  out: { type: 'string', short: 'o' },
} as const;

export const command: Command = {
  name: 'subjects',
  summary: 'JSON Schema subjects: register, check, fetch, set compatibility',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'subjects');
    const format = formatOption(values.format, ['text', 'json'] as const, 'subjects');
    const [action, ...rest] = positionals;
    const target = registryTarget(await loadConfig(io.cwd), { registry: values.registry }, io.env);
    const client = new SubjectsClient(target.url, target.token);
    const print = (value: unknown, text: string) =>
      io.out(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    try {
      switch (action) {
        case 'list': {
          const subjects = await client.call<string[]>('GET', '/subjects');
          print(subjects, subjects.join('\n'));
          return EXIT.ok;
        }
        case 'register': {
          const [subject, file] = need(
            rest,
            2,
            "name a subject and a schema file, e.g. 'canon subjects register orders-value order.json'",
          );
          const body = {
            schemaType: 'JSON',
            schema: await readSchema(file, io),
            references: references(values.reference ?? []),
          };
          const answer = await client.call<{ id: number; version: number }>(
            'POST',
            `${subjectPath(subject)}/versions`,
            body,
          );
          print(answer, `${subject}: version ${answer.version}, schema id ${answer.id}`);
          return EXIT.ok;
        }
        case 'check': {
          const [subject, file] = need(
            rest,
            2,
            "name a subject and a schema file, e.g. 'canon subjects check orders-value order.json'",
          );
          const body = {
            schemaType: 'JSON',
            schema: await readSchema(file, io),
            references: references(values.reference ?? []),
          };
          const at = values.version === undefined ? '' : `/${encodeURIComponent(values.version)}`;
          const answer = await client.call<{ is_compatible: boolean; messages?: string[] }>(
            'POST',
            `/compatibility${subjectPath(subject)}/versions${at}?verbose=true`,
            body,
          );
          const lines = [
            `${subject}: ${answer.is_compatible ? 'compatible' : 'incompatible'}`,
            ...(answer.messages ?? []).map((m) => `  ${m}`),
          ];
          print(answer, lines.join('\n'));
          return answer.is_compatible ? EXIT.ok : EXIT.problems;
        }
        case 'get': {
          const [subject] = need(rest, 1, "name a subject, e.g. 'canon subjects get orders-value'");
          const version = encodeURIComponent(values.version ?? 'latest');
          const answer = await client.call<{ schema: string }>(
            'GET',
            `${subjectPath(subject)}/versions/${version}`,
          );
          print(answer, answer.schema);
          return EXIT.ok;
        }
        case 'types': {
          const { schemaTypes } = await import('../../generators/json-schema-types/schema-types.js');
          let text: string;
          let name: string;
          let source: string;
          if (values.file !== undefined) {
            if (rest.length > 0) throw new UsageError('name either a subject or --file, not both.');
            text = await readSchema(values.file, io);
            name = values.file.replace(/^.*[/\\]/, '').replace(/\.json$/i, '');
            source = values.file.replace(/^.*[/\\]/, '');
          } else {
            const [subject] = need(
              rest,
              1,
              "name a subject or --file, e.g. 'canon subjects types orders-value'",
            );
            const version = values.version ?? 'latest';
            const answer = await client.call<{ schema: string; version: number }>(
              'GET',
              `${subjectPath(subject)}/versions/${encodeURIComponent(version)}`,
            );
            text = answer.schema;
            name = subject.replace(/-(value|key)$/, '');
            source = `subject ${subject} version ${answer.version}`;
          }
          let schema: Record<string, unknown> | boolean;
          try {
            schema = JSON.parse(text) as Record<string, unknown> | boolean;
          } catch (error) {
            throw new UsageError(`the schema is not JSON: ${(error as Error).message}.`);
          }
          const contents = schemaTypes(schema, name, source);
          if (values.out === undefined) io.out(contents);
          else {
            try {
              await writeFile(resolve(io.cwd, values.out), contents);
            } catch (error) {
              throw new UsageError(`cannot write ${values.out}: ${(error as Error).message}.`);
            }
          }
          return EXIT.ok;
        }
        case 'compatibility': {
          const subject = values.global ? undefined : rest[0];
          if (!values.global && (subject === undefined || rest.length > 2)) {
            throw new UsageError(
              "name a subject (and a level) or pass --global, e.g. 'canon subjects compatibility orders-value FULL'.",
            );
          }
          const scope = subject === undefined ? '/config' : `/config/${encodeURIComponent(subject)}`;
          const level = values.global ? rest[0] : rest[1];
          if (level === undefined) {
            const answer = await client.call<{ compatibilityLevel: string }>(
              'GET',
              `${scope}${values.global ? '' : '?defaultToGlobal=true'}`,
            );
            print(answer, answer.compatibilityLevel);
            return EXIT.ok;
          }
          const body = {
            compatibility: level.toUpperCase(),
            ...(values.policy === undefined ? {} : { compatibilityPolicy: values.policy.toUpperCase() }),
          };
          const answer = await client.call<{ compatibility: string }>('PUT', scope, body);
          print(answer, `compatibility: ${answer.compatibility}`);
          return EXIT.ok;
        }
        default:
          throw new UsageError(
            `name an action: list, register, check, get or compatibility (not '${action ?? ''}'). Run 'canon subjects --help'.`,
          );
      }
    } catch (error) {
      return reportSubjectError(error, io, format);
    }
  },
};

function need(args: string[], count: 1, message: string): [string];
function need(args: string[], count: 2, message: string): [string, string];
function need(args: string[], count: number, message: string): string[] {
  if (args.length !== count) throw new UsageError(`${message}.`);
  return args;
}

async function readSchema(file: string, io: Io): Promise<string> {
  try {
    return await readText(resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}.`);
  }
}

function references(flags: string[]) {
  return flags.map((flag) => {
    const match = /^([^=]+)=(.+):(\d+)$/.exec(flag);
    if (!match)
      throw new UsageError(
        `--reference ${flag} must be name=subject:version, e.g. address.json=address-value:1.`,
      );
    return { name: match[1]!, subject: match[2]!, version: Number(match[3]) };
  });
}

function reportSubjectError(error: unknown, io: Io, format: 'text' | 'json'): number {
  if (error instanceof UsageError) throw error;
  if (error instanceof SubjectConnectionError) {
    io.err(`canon: ${error.message}\n`);
    return EXIT.usage;
  }
  if (!(error instanceof SubjectApiError)) throw error;
  // Refusals of the schema itself (invalid, incompatible, not found) are findings; the rest is usage.
  const judged = error.status === 404 || error.status === 409 || error.status === 422;
  if (format === 'json') io.out(`${JSON.stringify({ status: error.status, ...error.body }, null, 2)}\n`);
  else (judged ? io.out : io.err)(`refused (${error.errorCode}): ${error.message}\n`);
  return judged ? EXIT.problems : EXIT.usage;
}
