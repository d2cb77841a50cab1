import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** A query parameter as the contract describes it. */
interface ParameterSpec {
  name: string;
  required: boolean;
  schema: { type?: string; enum?: string[]; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; pattern?: string };
}

/** "GET /tickets" → its query parameters. */
export type ContractOperations = Map<string, ParameterSpec[]>;

/** Reads the query parameters of every operation from `openapi.yaml` (resolving `$ref`s). */
export async function loadContract(url = new URL('../openapi.yaml', import.meta.url)): Promise<ContractOperations> {
  const document = parse(await readFile(url, 'utf8')) as {
    paths: Record<string, Record<string, { parameters?: unknown[] }>>;
    components: { parameters: Record<string, ParameterSpec> };
  };
  const resolve = (parameter: unknown): ParameterSpec => {
    const ref = (parameter as { $ref?: string }).$ref;
    const spec = (ref ? document.components.parameters[ref.split('/').at(-1)!] : parameter) as ParameterSpec;
    return { ...spec, required: spec.required === true };
  };
  const operations: ContractOperations = new Map();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.set(`${method.toUpperCase()} ${path}`, (operation.parameters ?? []).map(resolve));
    }
  }
  return operations;
}

/** What is wrong with a request's query, by parameter, as the contract says (empty: nothing). */
export function checkQuery(operations: ContractOperations, method: string, path: string, query: URLSearchParams): Record<string, string> {
  const parameters = operations.get(`${method} ${path}`);
  if (!parameters) return {};
  const problems: Record<string, string> = {};
  for (const { name, required, schema } of parameters) {
    const value = query.get(name);
    if (value === null || value === '') {
      if (required) problems[name] = 'required';
      continue;
    }
    const problem = checkValue(value, schema);
    if (problem) problems[name] = problem;
  }
  return problems;
}

function checkValue(value: string, schema: ParameterSpec['schema']): string | undefined {
  if (schema.type === 'integer') {
    const number = Number(value);
    if (!/^-?\d+$/.test(value)) return 'must be an integer';
    if (schema.minimum !== undefined && number < schema.minimum) return `must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && number > schema.maximum) return `must be at most ${schema.maximum}`;
    return undefined;
  }
  if (schema.type === 'boolean') return ['true', 'false'].includes(value) ? undefined : 'must be true or false';
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.join(', ')}`;
  if (schema.minLength !== undefined && value.length < schema.minLength) return `must have at least ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return `must have at most ${schema.maxLength} characters`;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `must match ${schema.pattern}`;
  return undefined;
}
