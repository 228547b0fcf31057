import { z } from 'zod';
import { type ApiRoute, pathParams } from './api-route.ts';
import { errorSchema } from './api-schemas.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 of a zod schema as the client sends it (OpenAPI 3.1 uses it as is). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** Path parameters that are ids; leadId also accepts an email, flag a name. */
function paramSchema(name: string): JsonSchema {
  if (name === 'leadId') return { type: 'string', description: 'A lead id or email address' };
  if (name === 'flag') return { type: 'string', enum: ['opted_out', 'bounced', 'booked'] };
  return { type: 'string', format: 'uuid' };
}

const ERRORS: Record<string, string> = {
  '400': 'Invalid input: `fields` names each bad or unknown field',
  '401': 'Missing, invalid or revoked token',
  '403': 'The token’s role may not do this',
  '404': 'Not found, or outside the token’s workspaces',
  '409': 'Conflicts with the current state',
};

/**
 * Builds the OpenAPI 3.1 document from the route table: the same zod schemas
 * that validate requests describe them, so the two cannot drift apart.
 */
export function buildOpenApi(routes: ApiRoute[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const parameters: unknown[] = pathParams(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: paramSchema(name),
    }));
    if (route.query) {
      const q = jsonSchema(route.query, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: q.required?.includes(name) ?? false,
          schema,
        });
      }
    }
    const status = String(route.status ?? 200);
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      description: `Role: ${route.role}${route.agencyWide ? ' (agency-wide token)' : ''}.`,
      parameters,
      responses: {
        [status]: {
          description: 'Success',
          content: {
            'application/json': {
              schema: route.response ? jsonSchema(route.response, 'output') : { type: 'object' },
            },
          },
        },
        ...Object.fromEntries(
          Object.entries(ERRORS).map(([code, description]) => [
            code,
            {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          ]),
        ),
      },
    };
    if (route.body) {
      operation.requestBody = {
        required: route.method !== 'POST' || route.example !== undefined,
        content: {
          'application/json': {
            schema: jsonSchema(route.body, 'input'),
            ...(route.example ? { example: route.example } : {}),
          },
        },
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Autosend API',
      version: info.version,
      description:
        'Administration and review API. Authenticate with `Authorization: Bearer as_…` (create tokens with `autosend token create`). ' +
        'Errors have one shape: `{ error: { code, message, fields? } }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(errorSchema, 'output') },
    },
    paths,
  };
}
