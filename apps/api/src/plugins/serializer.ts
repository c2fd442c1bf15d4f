import fastJsonStringify from 'fast-json-stringify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Compile = (route: { schema: unknown; method: string; url: string }) => (data: unknown) => string;

/**
 * Responses are written by a serializer compiled once per route from its contract (the zod schema turned into a
 * JSON schema, then into code by fast-json-stringify, as Fastify does for its own schemas), not by walking every
 * response object through zod at runtime: a page of actions is written several times faster. The compiled
 * serializer writes only the properties the contract lists, so nothing unlisted leaks. With `validate` (every test
 * run, and development) each response is also checked against its contract first, so a response that does not
 * match fails loudly where it is made; production skips that check.
 */
export function compiledSerializer({ validate }: { validate: boolean }): Compile {
  return ({ schema: given, method, url }) => {
    const schema = (given instanceof z.ZodType ? given : (given as { properties?: unknown }).properties) as z.ZodType;
    if (!(schema instanceof z.ZodType)) throw new Error(`${method} ${url}: a response schema that is not zod`);
    let write: (data: unknown) => string;
    try {
      const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
      write = fastJsonStringify(json as never) as (data: unknown) => string;
    } catch {
      // A schema JSON Schema cannot describe (none today): written as zod encodes it.
      write = (data) => JSON.stringify(data);
    }
    return (data) => {
      if (!validate) return write(data);
      const result = z.safeEncode(schema, data as never);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return write(result.data);
    };
  };
}
