import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The part of a JSON Schema (as `openapi.yaml` writes them) that requests are checked against. */
export interface Schema {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  enum?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** `pattern` compiled (with the `u` flag), once when the contract is loaded. */
  patternRegExp?: RegExp;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  maxProperties?: number;
  propertyNames?: Schema;
  items?: Schema;
  maxItems?: number;
  allOf?: Schema[];
}

/** A parameter of an operation (query or header), `$ref`s resolved. */
export interface Parameter {
  name: string;
  in: 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the contract: what its request may carry. */
export interface Operation {
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body?: Schema;
}

/** "GET /tickets" → its operation. */
export type Contract = Map<string, Operation>;

/** field → problem (the `errors` of a 422). */
export type Problems = Record<string, string>;

interface Document {
  paths: Record<string, Record<string, { parameters?: (Parameter | { $ref: string })[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
}

/** `openapi.yaml` as parsed (the file the package ships), for tests that read it too. */
export function readContractDocument(url = new URL('../openapi.yaml', import.meta.url)): Document & Record<string, unknown> {
  return parse(readFileSync(url, 'utf8'));
}

/** The operations of `openapi.yaml`, with every `$ref` resolved. */
export function loadContract(url?: URL): Contract {
  const document = readContractDocument(url);
  const resolve = <T>(node: T | { $ref: string }): T => {
    const ref = (node as { $ref?: string }).$ref;
    if (!ref) return node as T;
    const target = ref.slice(2).split('/').reduce<unknown>((parent, key) => (parent as Record<string, unknown>)[key], document);
    return resolve(target as T | { $ref: string });
  };
  const operations: Contract = new Map();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []).map((parameter) => {
        const spec = resolve<Parameter>(parameter);
        return { ...spec, required: spec.required === true, schema: deepResolve(spec.schema, resolve) };
      });
      const body = operation.requestBody?.content['application/json']?.schema;
      operations.set(`${method.toUpperCase()} ${path}`, { parameters, body: body && deepResolve(body, resolve) });
    }
  }
  return operations;
}

/** `schema` with every `$ref` in it replaced by what it names, and its `pattern` compiled. */
function deepResolve(schema: Schema, resolve: <T>(node: T | { $ref: string }) => T): Schema {
  const resolved = resolve<Schema>(schema);
  const each = (node: Schema | undefined) => node && deepResolve(node, resolve);
  return {
    ...resolved,
    patternRegExp: resolved.pattern === undefined ? undefined : new RegExp(resolved.pattern, 'u'),
    properties: resolved.properties && Object.fromEntries(Object.entries(resolved.properties).map(([name, node]) => [name, each(node)!])),
    additionalProperties: typeof resolved.additionalProperties === 'object' ? each(resolved.additionalProperties) : resolved.additionalProperties,
    propertyNames: each(resolved.propertyNames),
    items: each(resolved.items),
    allOf: resolved.allOf?.map((node) => each(node)!),
  };
}

/**
 * What is wrong with a request's parameters, by name (empty: nothing). A parameter sent
 * empty counts as not sent.
 */
export function checkParameters(operation: Operation, query: URLSearchParams, header: (name: string) => string | undefined): Problems {
  const problems: Problems = {};
  for (const { name, in: where, required, schema } of operation.parameters) {
    const value = where === 'header' ? header(name) : query.get(name);
    if (value === null || value === undefined || value === '') {
      if (required) problems[name] = 'required';
      continue;
    }
    const problem = checkText(value, schema);
    if (problem) problems[name] = problem;
  }
  return problems;
}

/** A parameter's text against its schema: the first problem, if any. */
function checkText(value: string, schema: Schema): string | undefined {
  if (schema.type === 'integer') {
    if (!/^-?\d+$/.test(value)) return 'must be an integer';
    return checkRange(Number(value), schema);
  }
  if (schema.type === 'boolean') return ['true', 'false'].includes(value) ? undefined : 'must be true or false';
  return checkString(value, schema);
}

function checkRange(value: number, schema: Schema): string | undefined {
  if (schema.minimum !== undefined && value < schema.minimum) return `must be at least ${schema.minimum}`;
  if (schema.maximum !== undefined && value > schema.maximum) return `must be at most ${schema.maximum}`;
  return undefined;
}

/**
 * A string against its schema. Every text of a request is refused with NUL in it (no database
 * column holds one); one longer than its `maxLength` (its column's width) is `too-long`, the
 * problem the elements word for the agent.
 */
function checkString(value: string, schema: Schema): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL';
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.join(', ')}`;
  if (schema.minLength !== undefined && value.length < schema.minLength) return value === '' ? 'required' : `must have at least ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return 'too-long';
  if (schema.patternRegExp && !schema.patternRegExp.test(value)) return `must match ${schema.pattern}`;
  return undefined;
}

/**
 * What is wrong with a JSON body, by field (empty: nothing). A problem is named by the
 * innermost object key it lies under (a custom field by its label, a list's item by the
 * list), `body` for the body itself. An optional property sent as `null` counts as not sent.
 */
export function checkBody(schema: Schema, body: unknown): Problems {
  const problems = new Map<string, string>();
  checkValue(schema, body, 'body', problems);
  // Entries, not assignments: a field named "__proto__" is kept as one.
  return Object.fromEntries(problems);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkValue(schema: Schema, value: unknown, field: string, problems: Map<string, string>): void {
  const report = (problem: string | undefined) => {
    if (problem && !problems.has(field)) problems.set(field, problem);
  };
  for (const part of schema.allOf ?? []) checkValue(part, value, field, problems);
  switch (schema.type) {
    case 'string':
      return report(typeof value === 'string' ? checkString(value, schema) : 'must be a string');
    case 'boolean':
      return report(typeof value === 'boolean' ? undefined : 'must be true or false');
    case 'integer':
    case 'number': {
      const fits = typeof value === 'number' && (schema.type === 'number' ? Number.isFinite(value) : Number.isInteger(value));
      return report(fits ? checkRange(value as number, schema) : `must be ${schema.type === 'integer' ? 'an integer' : 'a number'}`);
    }
    case 'array':
      if (!Array.isArray(value)) return report('must be an array');
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return report(`must have at most ${schema.maxItems} items`);
      if (schema.items) for (const item of value) checkValue(schema.items, item, field, problems);
      return;
    case 'object':
      if (!isObject(value)) return report('must be an object');
      if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) return report(`must have at most ${schema.maxProperties} properties`);
      return checkObject(schema, value, problems);
  }
}

function checkObject(schema: Schema, value: Record<string, unknown>, problems: Map<string, string>): void {
  const propertyOf = (name: string) => (Object.hasOwn(schema.properties ?? {}, name) ? schema.properties![name] : schema.additionalProperties);
  const required = new Set(schema.required);
  for (const name of required) {
    const typed = (propertyOf(name) as Schema | undefined)?.type !== undefined;
    if (!Object.hasOwn(value, name) || (value[name] === null && typed)) problems.set(name, 'required');
  }
  for (const [name, item] of Object.entries(value)) {
    if ((item === null && !required.has(name)) || problems.has(name)) continue;
    const property = propertyOf(name);
    if (property === false) problems.set(name, 'not allowed');
    else if (typeof property === 'object') checkValue(property, item, name, problems);
    if (schema.propertyNames) checkValue(schema.propertyNames, name, name, problems);
  }
}
