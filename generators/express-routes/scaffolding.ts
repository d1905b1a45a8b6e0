import type { Service } from '../../core/ir.js';
import type { Code } from '../shared/index.js';
import { blockComment, camelCase, fixed, stringLiteral } from '../shared/index.js';
import { routeModel } from './routes-source.js';

/** The scaffolding file of a resource: `services/<resource>.ts`. */
export function scaffoldingPath(propertyName: string): string {
  return `services/${propertyName}.ts`;
}

/**
 * A starter implementation per resource, written only when the file does not exist yet: every
 * method present with the right signature, throwing "not implemented" (a 500) until filled in.
 */
export function scaffoldingFiles(service: Service): { path: string; contents: string }[] {
  const header: Code = blockComment(
    `Started by Canon's express-routes generator from ${service.name} ${service.version}. This file is yours: fill in each method; canon generate never overwrites it.`,
  );
  return routeModel(service).map((resource) => {
    const constName = camelCase(`${resource.resource.plural}_service`);
    const methods = resource.operations.map((op) => {
      const label = `${op.operation.method} ${op.operation.path}`;
      const args = op.operation.body ? '_params, _body, _context' : '_params, _context';
      return `  async ${op.methodName}(${args}) {\n    throw new Error(${stringLiteral(`${label} is not implemented yet`)});\n  },`;
    });
    const contents = fixed(
      [
        `import type { ${resource.interfaceName} } from '../routes.js';`,
        '',
        `/** The ${resource.resource.plural} resource. */`,
        `export const ${constName}: ${resource.interfaceName} = {`,
        methods.join('\n\n'),
        '};',
        '',
      ].join('\n'),
    );
    return { path: scaffoldingPath(resource.propertyName), contents: `${header}\n${contents}` };
  });
}
