import type { Request, Response } from 'express';
import type { Principal } from '../../access.js';
import { readSchemaBody } from '../../subjects/schema-intake.js';
import { SubjectError } from '../../subjects/subject-error.js';
import { checkSubjectName } from '../../subjects/subject-name.js';
import { type SubjectService, verboseMessages } from '../../subjects/subject-service.js';
import type { SchemaRecord, SubjectVersionRecord } from '../../subjects/subject-store.js';
import { sendConfluent } from './confluent-errors.js';
import {
  flag,
  idParam,
  numberedVersion,
  optionalString,
  subjectParam,
  versionParam,
} from './confluent-params.js';

export interface ConfluentRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  handle(req: Request, res: Response, ctx: { subjects: SubjectService; principal: Principal }): Promise<void>;
}

const references = (record: SchemaRecord) =>
  record.references.length > 0 ? { references: record.references } : {};

const versionBody = (record: SubjectVersionRecord) => ({
  subject: record.subject,
  version: record.version,
  id: record.id,
  schemaType: 'JSON',
  ...references(record),
  schema: record.schema,
});

/** The stored schema text as the body (`…/schema` endpoints answer the schema itself). */
function sendRawSchema(res: Response, text: string): void {
  res
    .status(200)
    .set({ 'content-type': 'application/vnd.schemaregistry.v1+json', 'cache-control': 'no-store' })
    .end(text);
}

const ok = (res: Response, body: unknown) => sendConfluent(res, 200, body);

/** The by-id answer of a record, serialized once (the store caches records: consumers ask again and again). */
const bodies = new WeakMap<SchemaRecord, string>();
function schemaBody(record: SchemaRecord): string {
  let body = bodies.get(record);
  if (body === undefined) {
    body = JSON.stringify({ schemaType: 'JSON', ...references(record), schema: record.schema });
    bodies.set(record, body);
  }
  return body;
}

function sendSerialized(res: Response, body: string): void {
  res
    .status(200)
    .set({ 'content-type': 'application/vnd.schemaregistry.v1+json', 'cache-control': 'no-store' })
    .end(body);
}

/** Confluent Schema Registry's REST API (docs/subjects.md), JSON Schema only. */
export const CONFLUENT_ROUTES: ConfluentRoute[] = [
  {
    method: 'get',
    path: '/subjects',
    handle: async (req, res, { subjects, principal }) => {
      const prefix = optionalString(req, 'subjectPrefix');
      ok(
        res,
        await subjects.listSubjects(principal, {
          deleted: flag(req, 'deleted'),
          ...(prefix === undefined ? {} : { prefix }),
        }),
      );
    },
  },
  {
    method: 'post',
    path: '/subjects/:subject',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      ok(res, versionBody(await subjects.lookup(principal, subject, readSchemaBody(req.body))));
    },
  },
  {
    method: 'delete',
    path: '/subjects/:subject',
    handle: async (req, res, { subjects, principal }) => {
      ok(
        res,
        await subjects.deleteVersions(
          principal,
          subjectParam(req),
          undefined,
          flag(req, 'permanent'),
          principal.actor,
        ),
      );
    },
  },
  {
    method: 'get',
    path: '/subjects/:subject/versions',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      await subjects.readable(principal, subject);
      const versions = await subjects.store.subjects.listVersions(subject, flag(req, 'deleted'));
      if (versions.length === 0 && !flag(req, 'deleted')) {
        const all = await subjects.store.subjects.listVersions(subject, true);
        if (all.length > 0)
          throw new SubjectError(
            40401,
            `Subject ${JSON.stringify(subject.slice(0, 120))} not found (its versions were soft deleted; ?deleted=true lists them).`,
          );
      }
      ok(
        res,
        versions.map((v) => v.version),
      );
    },
  },
  {
    method: 'post',
    path: '/subjects/:subject/versions',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      const outcome = await subjects.register(principal, subject, readSchemaBody(req.body), principal.actor);
      ok(res, { id: outcome.id, version: outcome.version });
    },
  },
  {
    method: 'get',
    path: '/subjects/:subject/versions/:version',
    handle: async (req, res, { subjects, principal }) => {
      ok(
        res,
        versionBody(
          await subjects.getVersion(principal, subjectParam(req), versionParam(req), flag(req, 'deleted')),
        ),
      );
    },
  },
  {
    method: 'get',
    path: '/subjects/:subject/versions/:version/schema',
    handle: async (req, res, { subjects, principal }) => {
      const record = await subjects.getVersion(
        principal,
        subjectParam(req),
        versionParam(req),
        flag(req, 'deleted'),
      );
      sendRawSchema(res, record.schema);
    },
  },
  {
    method: 'delete',
    path: '/subjects/:subject/versions/:version',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      let version: number;
      if (versionParam(req) === 'latest') {
        version = (await subjects.getVersion(principal, subject, 'latest', false)).version;
      } else version = numberedVersion(req);
      const [deleted] = await subjects.deleteVersions(
        principal,
        subject,
        version,
        flag(req, 'permanent'),
        principal.actor,
      );
      ok(res, deleted);
    },
  },
  {
    method: 'get',
    path: '/subjects/:subject/versions/:version/referencedby',
    handle: async (req, res, { subjects, principal }) => {
      ok(res, await subjects.referencedBy(principal, subjectParam(req), versionParam(req)));
    },
  },
  {
    method: 'get',
    path: '/schemas/types',
    handle: async (_req, res) => ok(res, ['JSON']),
  },
  {
    method: 'get',
    path: '/schemas/ids/:id',
    handle: async (req, res, { subjects, principal }) => {
      const subject = optionalString(req, 'subject');
      const record = await subjects.getSchema(
        principal,
        idParam(req),
        subject === undefined || subject === '' ? undefined : checkSubjectName(subject),
      );
      sendSerialized(res, schemaBody(record));
    },
  },
  {
    method: 'get',
    path: '/schemas/ids/:id/schema',
    handle: async (req, res, { subjects, principal }) => {
      sendRawSchema(res, (await subjects.getSchema(principal, idParam(req))).schema);
    },
  },
  {
    method: 'get',
    path: '/schemas/ids/:id/subjects',
    handle: async (req, res, { subjects, principal }) => {
      const uses = await subjects.usesOfSchema(principal, idParam(req), flag(req, 'deleted'));
      ok(res, [...new Set(uses.map((u) => u.subject))]);
    },
  },
  {
    method: 'get',
    path: '/schemas/ids/:id/versions',
    handle: async (req, res, { subjects, principal }) => {
      ok(res, await subjects.usesOfSchema(principal, idParam(req), flag(req, 'deleted')));
    },
  },
  {
    method: 'post',
    path: '/compatibility/subjects/:subject/versions',
    handle: async (req, res, ctx) => compatibility(req, res, ctx, undefined),
  },
  {
    method: 'post',
    path: '/compatibility/subjects/:subject/versions/:version',
    handle: async (req, res, ctx) => compatibility(req, res, ctx, versionParam(req)),
  },
  {
    method: 'get',
    path: '/config',
    handle: async (_req, res, { subjects, principal }) =>
      ok(res, await subjects.getConfig(principal, '', true)),
  },
  {
    method: 'put',
    path: '/config',
    handle: async (req, res, { subjects, principal }) =>
      ok(res, await subjects.setConfig(principal, '', req.body, principal.actor)),
  },
  {
    method: 'delete',
    path: '/config',
    handle: async (_req, res, { subjects, principal }) =>
      ok(res, await subjects.deleteConfig(principal, '', principal.actor)),
  },
  {
    method: 'get',
    path: '/config/:subject',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      const config = await subjects.getConfig(principal, subject, flag(req, 'defaultToGlobal'));
      if (!config)
        throw new SubjectError(
          40408,
          `Subject ${JSON.stringify(subject.slice(0, 120))} has no compatibility level of its own; ?defaultToGlobal=true gives the registry's.`,
        );
      ok(res, config);
    },
  },
  {
    method: 'put',
    path: '/config/:subject',
    handle: async (req, res, { subjects, principal }) =>
      ok(res, await subjects.setConfig(principal, subjectParam(req), req.body, principal.actor)),
  },
  {
    method: 'delete',
    path: '/config/:subject',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      const before = await subjects.deleteConfig(principal, subject, principal.actor);
      if (!before)
        throw new SubjectError(
          40408,
          `Subject ${JSON.stringify(subject.slice(0, 120))} has no compatibility level of its own.`,
        );
      ok(res, before);
    },
  },
  {
    method: 'get',
    path: '/mode',
    handle: async (_req, res, { subjects, principal }) =>
      ok(res, { mode: await subjects.getMode(principal, '', true) }),
  },
  {
    method: 'put',
    path: '/mode',
    handle: async (req, res, { subjects, principal }) =>
      ok(res, { mode: await subjects.setMode(principal, '', req.body, flag(req, 'force'), principal.actor) }),
  },
  {
    method: 'get',
    path: '/mode/:subject',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      const mode = await subjects.getMode(principal, subject, flag(req, 'defaultToGlobal'));
      if (!mode)
        throw new SubjectError(
          40409,
          `Subject ${JSON.stringify(subject.slice(0, 120))} has no mode of its own; ?defaultToGlobal=true gives the registry's.`,
        );
      ok(res, { mode });
    },
  },
  {
    method: 'put',
    path: '/mode/:subject',
    handle: async (req, res, { subjects, principal }) =>
      ok(res, {
        mode: await subjects.setMode(
          principal,
          subjectParam(req),
          req.body,
          flag(req, 'force'),
          principal.actor,
        ),
      }),
  },
  {
    method: 'delete',
    path: '/mode/:subject',
    handle: async (req, res, { subjects, principal }) => {
      const subject = subjectParam(req);
      const before = await subjects.deleteMode(principal, subject, principal.actor);
      if (!before)
        throw new SubjectError(
          40409,
          `Subject ${JSON.stringify(subject.slice(0, 120))} has no mode of its own.`,
        );
      ok(res, { mode: before });
    },
  },
];

async function compatibility(
  req: Request,
  res: Response,
  { subjects, principal }: { subjects: SubjectService; principal: Principal },
  version: number | 'latest' | undefined,
): Promise<void> {
  const answer = await subjects.check(principal, subjectParam(req), readSchemaBody(req.body), version);
  const verbose = flag(req, 'verbose');
  ok(res, {
    is_compatible: answer.compatible,
    ...(verbose ? { messages: verboseMessages(answer), incompatibilities: answer.incompatibilities } : {}),
  });
}
