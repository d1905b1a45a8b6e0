import {
  type Code,
  code,
  fixed,
  type Identifier,
  pascalCase,
  propertyKey,
  safeIdentifier,
  stringLiteral,
} from '../shared/index.js';
import { statementConstant } from './dao-sql.js';
import { member } from './dao-table.js';
import { block, field } from './dao-types.js';
import type { Dialect } from './dialect.js';
import { bracketed, guarded, INDENT, indented, unionAfter, wrappedDoc } from './layout.js';
import type { Column, EventMapping, TableEvents, TableSpec } from './table-spec.js';

const RAW = fixed('r');
const ROW = fixed('row');

/** The declarations a table's relay module exports. */
export interface RelayNames {
  /** The model as an event carries it: `UserEventRow`. */
  row: Identifier;
  /** The union of the two member types: `UserJournalEvent`. */
  event: Identifier;
  upsert: Identifier;
  delete: Identifier;
  /** The factory: `usersRelay`. */
  relay: Identifier;
}

export function relayNames(table: TableSpec, events: TableEvents): RelayNames {
  return {
    row: safeIdentifier(`${table.typeName}EventRow`),
    event: safeIdentifier(`${table.typeName}JournalEvent`),
    upsert: safeIdentifier(`${pascalCase(events.upsert.model)}Event`),
    delete: safeIdentifier(`${pascalCase(events.delete.model)}Event`),
    relay: safeIdentifier(`${table.daoName.charAt(0).toLowerCase()}${table.daoName.slice(1)}Relay`),
  };
}

/** The file a table's relay is written to: `users` → `users-relay.ts`. */
export function relayFileName(daoFile: string): string {
  return daoFile.replace(/-dao\.ts$/, '-relay.ts');
}

/**
 * The relay module of a table whose `db` attribute maps its journal to events: the event types
 * (structurally the spec's member models, so `Producer<UserEvent>` takes them), the journal's
 * SQL, the row-to-event mapping and a factory over the dialect's relay runtime.
 */
export function relaySource(table: TableSpec, events: TableEvents, dialect: Dialect, header: Code): string {
  const names = relayNames(table, events);
  const runtime = fixed(dialect.relayClass);
  const journal = `${table.table}_journal`;
  const imports = [fixed('type EventPublisher'), fixed('type RelayOptions'), runtime].sort((a, b) =>
    a.replace('type ', '') < b.replace('type ', '') ? -1 : 1,
  );
  const parts: Code[] = [
    code`import type { ${fixed(dialect.dbType)} } from './db.js';\n${bracketed('', fixed('import {'), imports, fixed("} from './relay.js';"), true)}`,
    code`${wrappedDoc('', `The model \`${table.model}\` as the events of \`${table.table}\` carry it: the columns of its fields.`)}\nexport interface ${names.row} ${block(events.rowColumns.map(field))}`,
    memberType(
      names.upsert,
      events,
      events.upsert,
      names.row,
      `what an inserted or updated row of \`${table.table}\` becomes`,
    ),
    memberType(
      names.delete,
      events,
      events.delete,
      names.row,
      `what a deleted row of \`${table.table}\` becomes`,
    ),
    code`${wrappedDoc('', `The \`${events.union}\` events the journal of \`${table.table}\` becomes.`)}\n${unionAfter(
      '',
      code`export type ${names.event} =`,
      [names.upsert, names.delete],
      fixed(';'),
    )}`,
    statementConstant({
      name: safeIdentifier('SELECT_JOURNAL'),
      sql: journalSelect(journal, events, dialect),
    }),
    ...(dialect.peeks
      ? [statementConstant({ name: safeIdentifier('PEEK_JOURNAL'), sql: journalPeek(journal, dialect) })]
      : []),
    toEvent(journal, events, names, dialect),
    factory(table, journal, names, dialect),
  ];
  return `${header}\n${parts.join('\n\n')}\n`;
}

function memberType(
  name: Identifier,
  events: TableEvents,
  mapping: EventMapping,
  row: Identifier,
  what: string,
): Code {
  const properties = [
    code`${propertyKey(events.discriminator)}: ${stringLiteral(mapping.type)};`,
    fixed('event_id: string;'),
    fixed('timestamp: string;'),
    ...mapping.fields.map((f) =>
      f.from.kind === 'row' ? code`${propertyKey(f.name)}: ${row};` : eventField(f.name, f.from.column),
    ),
  ];
  return code`${wrappedDoc('', `\`${mapping.type}\` of \`${events.union}\`: ${what}.`)}\nexport interface ${name} ${block(properties)}`;
}

/** A member field filled from a column: the column's type under the member field's name. */
function eventField(name: string, column: Column): Code {
  const { description: _spec, ...rest } = column;
  return field({ ...rest, name });
}

/** The journal rows after a position, in id order, with the columns an event needs. */
function journalSelect(journal: string, events: TableEvents, dialect: Dialect): string {
  const q = dialect.quoteIdentifier;
  const timestamp: Column = {
    name: 'journal_timestamp',
    storage: 'timestamp',
    tsType: fixed('string'),
    required: true,
    role: 'field',
    writable: false,
  };
  const columns = [
    q('journal_id'),
    q('journal_operation'),
    dialect.selectColumn(timestamp),
    ...events.rowColumns.map((c) => dialect.selectColumn(c)),
  ];
  return `SELECT ${columns.join(', ')} FROM ${q(journal)} WHERE ${q('journal_id')} > ${dialect.placeholder(1)} ORDER BY ${q('journal_id')} LIMIT ${dialect.placeholder(2)}`;
}

/** One row when the journal holds a row after the relay's recorded position. */
function journalPeek(journal: string, dialect: Dialect): string {
  const q = dialect.quoteIdentifier;
  const position = `SELECT ${q('journal_id')} FROM ${q('canon_relay_progress')} WHERE ${q('relay')} = ${dialect.placeholder(1)}`;
  return `SELECT 1 FROM ${q(journal)} WHERE ${q('journal_id')} > (${position}) LIMIT 1`;
}

function toEvent(journal: string, events: TableEvents, names: RelayNames, dialect: Dialect): Code {
  const fromDb = (c: Column): Code => dialect.fromDb(c, member(RAW, c.name));
  const required = events.rowColumns
    .filter((c) => c.required)
    .map((c) => code`${propertyKey(c.name)}: ${fromDb(c)},`);
  const optional = events.rowColumns
    .filter((c) => !c.required)
    .map((c) =>
      guarded(
        INDENT,
        code`${member(RAW, c.name)} !== null`,
        () => code`${member(ROW, c.name)} = ${fromDb(c)};`,
      ),
    );
  const build = (mapping: EventMapping): Code[] => [
    code`${propertyKey(events.discriminator)}: ${stringLiteral(mapping.type)}`,
    fixed('event_id: eventId'),
    fixed('timestamp'),
    ...mapping.fields.map((f) => {
      if (f.from.kind === 'row') return code`${propertyKey(f.name)}: row`;
      const value = member(ROW, f.from.column.name);
      if (f.from.column.required) return code`${propertyKey(f.name)}: ${value}`;
      return code`...(${value} === undefined ? {} : { ${propertyKey(f.name)}: ${value} })`;
    }),
  ];
  const isDelete = code`if (${member(RAW, 'journal_operation')} === 'delete')`;
  const lines = [
    wrappedDoc(
      '',
      `A row of \`${journal}\` as its event; \`event_id\` is \`${journal}:<journal_id>\`, the same every time the row is published.`,
    ),
    code`function toEvent(r: Record<string, unknown>): ${names.event} {`,
    code`${INDENT}const row: ${names.row} = {`,
    indented(INDENT + INDENT, required),
    code`${INDENT}};`,
    ...(optional.length === 0 ? [] : [indented(INDENT, optional)]),
    code`${INDENT}const eventId = ${fixed('`')}${fixed(journal.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${'))}:\${r.journal_id}${fixed('`')};`,
    code`${INDENT}const timestamp = r.journal_timestamp as string;`,
    returned(INDENT, isDelete, build(events.delete)),
    indented(INDENT, [bracketed(INDENT, fixed('return {'), build(events.upsert), fixed('};'), true)]),
    fixed('}'),
  ];
  return fixed(lines.filter((l) => l !== '').join('\n'));
}

/** `if (…) return { … };` on one line when it fits, else the object over several lines. */
function returned(indent: Code, condition: Code, items: Code[]): Code {
  const oneLine = bracketed(indent, code`${condition} return {`, items, fixed('};'), true);
  if (!oneLine.includes('\n')) return code`${indent}${oneLine}`;
  return indented(indent, [
    code`${condition} {`,
    indented(INDENT, [bracketed(indent + INDENT, fixed('return {'), items, fixed('};'), true)]),
    fixed('}'),
  ]);
}

function factory(table: TableSpec, journal: string, names: RelayNames, dialect: Dialect): Code {
  const runtime = code`${fixed(dialect.relayClass)}<${names.event}>`;
  const params = [
    code`db: ${fixed(dialect.dbType)}`,
    code`producer: EventPublisher<${names.event}>`,
    fixed('options: RelayOptions = {}'),
  ];
  const source = [
    code`journal: ${stringLiteral(journal)}`,
    fixed('select: SELECT_JOURNAL'),
    ...(dialect.peeks ? [fixed('peek: PEEK_JOURNAL')] : []),
    fixed('toEvent'),
  ];
  const doc = wrappedDoc(
    '',
    `Publishes the journal of \`${table.table}\` through \`producer\`, in journal order, recording its position in \`canon_relay_progress\`: \`start()\` it with the service, \`await stop()\` on shutdown.`,
  );
  return code`${doc}\n${bracketed('', code`export function ${names.relay}(`, params, code`): ${runtime} {`)}\n${indented(
    INDENT,
    [
      bracketed(INDENT, fixed('const source = {'), source, fixed('};'), true),
      code`return new ${fixed(dialect.relayClass)}(db, producer, source, options);`,
    ],
  )}\n}`;
}
