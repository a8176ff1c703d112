import { createRPCError, createValidator } from 'ocpp-rpc';
import type { Validator } from 'ocpp-rpc/lib/validator';
import ocpp201Schemas from 'ocpp-rpc/lib/schemas/ocpp2_0_1.json';
import ocpp21Schemas from 'ocpp-rpc/lib/schemas/ocpp2_1.json';

interface JsonSchema {
  $id: string;
}

/**
 * ocpp-rpc 2.2.1 looks schemas up as `urn:<Action>.req` / `.conf`, but its bundled OCPP 2.1 file
 * names them `urn:<Action>Request` / `Response` (the OCA's 2.1 naming), so strict mode rejects
 * every 2.1 call with "Schema ... is missing" (ProtocolError). We register the same schemas
 * under the ids the library looks up.
 */
function reIdentified(schemas: JsonSchema[]): JsonSchema[] {
  return schemas.map((schema) => ({
    ...schema,
    $id: schema.$id.replace(/^urn:(.+)Request$/, 'urn:$1.req').replace(/^urn:(.+)Response$/, 'urn:$1.conf'),
  }));
}

interface JsonSchemaNode {
  type?: unknown;
  additionalProperties?: unknown;
  definitions?: Record<string, JsonSchemaNode>;
}

/**
 * The 2.1 enum definitions carry `additionalProperties: false` on string types, which means
 * nothing there but makes Ajv log a strictTypes warning per enum; dropping it changes no verdict.
 */
function withoutMeaninglessKeywords<T extends JsonSchema>(schemas: T[]): T[] {
  return schemas.map((schema) => {
    const definitions = (schema as JsonSchemaNode).definitions;
    if (!definitions) return schema;
    const cleaned = Object.fromEntries(
      Object.entries(definitions).map(([name, definition]) => {
        if (definition.type === 'object' || !('additionalProperties' in definition)) return [name, definition];
        const { additionalProperties: _ignored, ...rest } = definition;
        return [name, rest];
      }),
    );
    return { ...schema, definitions: cleaned };
  });
}

/**
 * ocpp-rpc answers a missing required field with the OCPP 1.6 spelling "OccurenceConstraintViolation"
 * for every version; OCPP 2.0.1 and 2.1 (Part 4, 4.3 "CallError" error codes) spell it
 * "OccurrenceConstraintViolation". The wrapper corrects the code and keeps message and details.
 */
function withOcpp2ErrorCodes(inner: Validator): Validator {
  const wrapped = {
    get subprotocol(): string {
      return inner.subprotocol;
    },
    validate(schemaId: string, params: unknown): boolean | Promise<unknown> {
      try {
        return inner.validate(schemaId, params);
      } catch (error) {
        const rpc = error as { rpcErrorCode?: string; message: string; details?: object };
        if (rpc.rpcErrorCode === 'OccurenceConstraintViolation') throw createRPCError('OccurrenceConstraintViolation', rpc.message, rpc.details ?? {});
        throw error;
      }
    },
  };
  return wrapped as unknown as Validator;
}

/** Strict-mode validators for both sides (our CSMS and the simulated stations). */
export const OCPP_STRICT_VALIDATORS: Validator[] = [
  withOcpp2ErrorCodes(createValidator('ocpp2.0.1', withoutMeaninglessKeywords(ocpp201Schemas as JsonSchema[]))),
  withOcpp2ErrorCodes(createValidator('ocpp2.1', withoutMeaninglessKeywords(reIdentified(ocpp21Schemas as JsonSchema[])))),
];
