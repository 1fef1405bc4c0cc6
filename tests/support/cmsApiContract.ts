import { fileURLToPath } from 'node:url'
import { dereference, validate } from '@readme/openapi-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { CmsExchange } from './cmsServer'

/*
 * docs/cms-api.yaml as the judge of the CMS test server: every exchange the server had (what the real adapter
 * sent, what the server answered) must be a documented operation with a documented status, and its bodies must
 * match the document's schemas. Tests that talk to the server end by asking this, so the document and the
 * server cannot drift apart unnoticed.
 */

export const CMS_API_DOCUMENT = new URL('../../docs/cms-api.yaml', import.meta.url)

type Schema = Record<string, unknown>
type Operation = {
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[]
}
type PathItem = Partial<Record<'get' | 'post' | 'put' | 'delete' | 'patch', Operation>> & { parameters?: Operation['parameters'] }
export type CmsApiDocument = { paths: Record<string, PathItem> }

/** Reads and validates the document (YAML) with a maintained OpenAPI 3.1 validator; throws with its findings. */
export async function validatedCmsApi(path = fileURLToPath(CMS_API_DOCUMENT)): Promise<CmsApiDocument> {
  const result = await validate(path)
  if (!result.valid) throw new Error(`${path} is not valid OpenAPI: ${result.errors.map((e) => e.message).join('; ')}`)
  return (await dereference(path)) as unknown as CmsApiDocument
}

/** "GET /articles/{id}" for every operation in the document. */
export function documentedOperations(doc: CmsApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'delete', 'patch'] as const).filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`)
  )
}

function templateMatch(template: string, path: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')
  return new RegExp(`^${pattern}$`).test(path)
}

/** The document's field names for a request the server received under a field mapping (the CMS's own names). */
function unmapped(body: Record<string, unknown>, fieldNames: Record<string, string>): Record<string, unknown> {
  const ours = Object.fromEntries(Object.entries(fieldNames).map(([name, theirs]) => [theirs, name]))
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [ours[key] ?? key, value]))
}

export type ContractChecker = {
  /** Problems with one exchange, empty when it conforms; the operation it matched (or null). */
  check(exchange: CmsExchange, fieldNames?: Record<string, string>): Promise<{ operation: string | null; problems: string[] }>
  /** Checks every non-injected exchange; returns the operations seen with a 2xx answer. */
  checkAll(exchanges: CmsExchange[], fieldNames?: Record<string, string>): Promise<{ covered: Set<string>; problems: string[] }>
}

export function contractChecker(doc: CmsApiDocument): ContractChecker {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  const validators = new Map<Schema, ReturnType<typeof ajv.compile>>()
  const schemaProblems = (schema: Schema, value: unknown, where: string): string[] => {
    let validator = validators.get(schema)
    if (validator === undefined) {
      validator = ajv.compile(schema)
      validators.set(schema, validator)
    }
    return validator(value) ? [] : [`${where}: ${ajv.errorsText(validator.errors)}`]
  }

  async function check(exchange: CmsExchange, fieldNames: Record<string, string> = {}) {
    const label = `${exchange.method} ${exchange.path} → ${String(exchange.status)}`
    const entry = Object.entries(doc.paths).find(([template]) => templateMatch(template, exchange.path))
    const operation = entry?.[1][exchange.method.toLowerCase() as 'get']
    if (entry === undefined || operation === undefined) return { operation: null, problems: [`${label}: not an operation of the document`] }
    const name = `${exchange.method} ${entry[0]}`
    const problems: string[] = []
    for (const parameter of [...(entry[1].parameters ?? []), ...(operation.parameters ?? [])]) {
      if (parameter.in !== 'query') continue
      const value = exchange.query[parameter.name]
      if (value === undefined) {
        if (parameter.required === true) problems.push(`${label}: query parameter ${parameter.name} missing`)
      } else problems.push(...schemaProblems(parameter.schema, value, `${label} query ${parameter.name}`))
    }
    // A refused request (400) may be malformed: that is what the refusal says. Anything the server took must conform.
    if (operation.requestBody !== undefined && exchange.status < 400) {
      const type = (exchange.requestType ?? '').split(';')[0]?.trim() ?? ''
      const media = operation.requestBody.content[type]
      if (media === undefined) problems.push(`${label}: request type ${type} is not documented`)
      else if (type === 'application/json') {
        problems.push(...schemaProblems(media.schema, unmapped(JSON.parse(exchange.requestBody.toString('utf8')) as Record<string, unknown>, fieldNames), `${label} request`))
      } else if (type === 'multipart/form-data') {
        const form = await new Response(new Uint8Array(exchange.requestBody), { headers: { 'Content-Type': exchange.requestType ?? '' } }).formData()
        // A file part is a string of bytes in the document's terms.
        const fields = Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : `<${String(value.size)} bytes>`]))
        problems.push(...schemaProblems(media.schema, fields, `${label} request`))
      }
    }
    const response = operation.responses[String(exchange.status)]
    if (response === undefined) problems.push(`${label}: status ${String(exchange.status)} is not documented for ${name}`)
    else {
      const schema = response.content?.['application/json']?.schema
      if (schema !== undefined) problems.push(...schemaProblems(schema, exchange.responseBody, `${label} response`))
    }
    return { operation: name, problems }
  }

  return {
    check,
    async checkAll(exchanges, fieldNames) {
      const covered = new Set<string>()
      const problems: string[] = []
      for (const exchange of exchanges) {
        if (exchange.injected) continue
        const result = await check(exchange, fieldNames)
        problems.push(...result.problems)
        if (result.operation !== null && exchange.status < 300) covered.add(result.operation)
      }
      return { covered, problems }
    }
  }
}
