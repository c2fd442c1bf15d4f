import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ID } from '@lrt/contracts';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type pg from 'pg';
import { closeDatabase, dialectOf, rawRow, rawRows, rawRun, schema, writeTransaction, type Db } from '@lrt/db';
import { createTestDatabase } from '@lrt/db/testing';
import { buildApp } from '../app';
import { multipartBody } from './multipart';
import { createTestWorld, factories, seedSmallPlan, TEST_NOW, TEST_SCRYPT_COST, type Caller, type TestWorld } from './test-app';

/**
 * Fuzzing every operation of the OpenAPI document. For each operation, requests are generated from its own
 * parameter and body schemas, valid and broken (wrong types, boundary lengths, odd Unicode, huge numbers, FTS5
 * syntax in `q`, missing and extra fields, `__proto__` and `constructor` keys, malformed JSON), sent as each role,
 * without a session, without the CSRF token, and through a reply link for the respond routes. Whatever comes:
 *  - never a 5xx;
 *  - every 4xx is application/problem+json with its status and a `code`, and a validation problem names fields;
 *  - every 2xx is a status the operation documents, and a JSON answer matches its documented schema;
 *  - a refused request that could change data changes nothing.
 * FUZZ_RUNS sets the number of requests (10,000 by default); FUZZ_SEED replays a run; FUZZ_KEEP_GOING=1 fuzzes every
 * operation even after one has failed, and lists every failure at the end.
 */

type Schema = Record<string, any>;
type Json = unknown;

/** Evidence folders in memory where the system has it: uploads fsync every document, which a disk makes slow. */
const TEMP_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const tempDir = () => mkdtempSync(join(TEMP_ROOT, 'lrt-fuzz-'));

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const KEEP_GOING = Boolean(process.env.FUZZ_KEEP_GOING);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  path: string;
  operationId: string;
  parameters: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: Schema }[];
  body?: { contentType: string; schema: Schema; required: boolean };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Values: odd strings, raw JSON numbers, and generators from JSON Schema.

/** Strings that have broken parsers, databases and full-text queries before. */
const ODD_PIECES = [
  '\uD800', // a lone high surrogate
  '\uDFFF', // a lone low surrogate
  '\u202E', // right-to-left override
  '\u200F\u05E9\u05DC\u05D5\u05DD', // RTL mark and Hebrew
  'مرحبا',
  '\u0000', // NUL
  '\u0007\u001B[31m',
  '\uFEFF', // BOM
  '\u200B', // zero-width space
  'e\u0301\u0301\u0301', // combining marks
  '👩‍👩‍👧‍👦',
  '\uFFFF',
  '𝕏',
  "'; drop table actions; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '\r\n',
  '   ',
];
/** FTS5 query syntax, which must never reach MATCH unescaped. */
const FTS_PIECES = ['"', '""', '*', 'a*', '*a', 'NEAR(', 'NEAR(a b, 5)', 'OR', 'AND', 'NOT', 'a OR', '(', ')', '^', ':', 'col:x', 'ref:', '{a b}', '-', '+', "'", '\\', 'AND NOT', '"unterminated', 'NEAR(a', '"a" OR "b"'];

const oddString = fc
  .array(fc.oneof(fc.constantFrom(...ODD_PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));
const ftsString = fc.array(fc.oneof(fc.constantFrom(...FTS_PIECES), fc.constantFrom('police', 'training', 'SD-2025', 'audit')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

/** A number written into the JSON text as is: ones JSON.stringify cannot write (1e400, -0, past 2^53). */
const RAW = '\u0001raw:';
const raw = (text: string) => `${RAW}${text}\u0001`;
const RAW_NUMBERS = ['1e400', '-1e400', '-0', '9007199254740993', '123456789012345678901234567890', '1.0000000000000002', '0.1e-400', '1E2', '-9007199254740993'];

function toJsonText(value: Json): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, '$1');
}

/** An object with an own, enumerable key, even `__proto__` (so that JSON.stringify writes it). */
function withKey(object: Record<string, Json>, key: string, value: Json) {
  const copy: Record<string, Json> = {};
  for (const [k, v] of Object.entries(object)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', '', 'id', 'version', 'createdAt', 'isAdmin'];

/** Biased to the few ids the seeded world has, so requests reach real rows as often as missing ones. */
const idLike = (min: number, max: number) =>
  fc.oneof(
    // Most seeded things are the first of their kind.
    { weight: 8, arbitrary: fc.constant(Math.max(min, 1)) },
    { weight: 4, arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.min(max, 3) }) },
    { weight: 2, arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.min(max, 8) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number) },
  );

const DATE = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true });
const isoDate = fc.oneof({ weight: 4, arbitrary: DATE.map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.constantFrom('2026-03-02', '2026-03-01', '2024-02-29', '2026-12-31', '2000-01-01', '9999-12-31') });
const isoDateTime = fc.oneof({ weight: 4, arbitrary: DATE.map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom('2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00Z') });

const ID_PATTERN = '^[1-9][0-9]{0,14}$';
const CONTROL_FREE = '^[^\\u0000-\\u001f\\u007f]*$';

function lengthBounded(arb: fc.Arbitrary<string>, schema: Schema) {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  return arb.filter((s) => [...s].length >= min && [...s].length <= max && s.length <= max);
}

function validString(schema: Schema, name: string): fc.Arbitrary<string> {
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'date-time') return isoDateTime;
  // Up to the largest id there can be (MAX_ID, PostgreSQL's integer); a larger one is refused as a bad id, a near miss.
  if (schema.pattern === ID_PATTERN) return idLike(1, MAX_ID).map(String);
  if (schema.format === 'uri') return lengthBounded(fc.oneof(fc.webUrl(), fc.constantFrom('https://intranet.example/audit', 'http://a.example/x?y=1#z')), schema);
  if (schema.format === 'binary') return fc.string();
  if (/email/i.test(name)) return lengthBounded(fc.oneof(fc.emailAddress(), fc.constantFrom('lead@police.example', 'Business.Unit@Test.Example')), schema);
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  if (schema.pattern && schema.pattern !== CONTROL_FREE) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      pattern = new RegExp(schema.pattern);
    }
    return lengthBounded(fc.stringMatching(pattern), schema);
  }
  const noControl = (s: string) => schema.pattern !== CONTROL_FREE || ![...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');
  // Mostly words a person would type, so that requests get past validation to the rules behind it; then any
  // string at all, odd Unicode, and the longest allowed.
  const pieces: fc.WeightedArbitrary<string>[] = [
    { weight: 8, arbitrary: fc.lorem({ maxCount: 6 }).map((words) => words.slice(0, max)) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }) },
    { weight: 1, arbitrary: oddString },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) }, // the longest allowed
    { weight: 1, arbitrary: fc.constant('é'.repeat(Math.max(min, 1))) },
  ];
  if (name === 'q') pieces.push({ weight: 8, arbitrary: ftsString });
  return lengthBounded(fc.oneof(...pieces), schema).filter(noControl);
}

function validNumber(schema: Schema, integer: boolean, name: string): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 1_000_000);
  if (integer) {
    if (min >= 0 && (/id$/i.test(name) || schema.exclusiveMinimum === 0 || name === 'version' || /Version$/.test(name))) return idLike(min, max);
    return fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }), fc.constantFrom(min, max));
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values a schema accepts (as well as the generator can tell: cross-field rules are the server's to check). */
function valid(schema: Schema | undefined, name = '', depth = 0): fc.Arbitrary<Json> {
  if (!schema || Object.keys(schema).length === 0) return fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, name, depth)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => valid({ ...schema, type }, name, depth)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return validNumber(schema, true, name);
    case 'number':
      return validNumber(schema, false, name);
    case 'string':
      // U+0000 is refused in any text, whatever the field's schema says (no database field can hold it): a value
      // carrying it is an invalid one, generated by invalid() and the odd strings sent where values are broken.
      return validString(schema, name).filter((s) => !s.includes('\u0000'));
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, depth > 1 ? 2 : 4);
      return fc.array(valid(schema.items, name, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
    }
    case 'object':
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set<string>(schema.required ?? []);
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, valid(s, key, depth + 1)])), {
        requiredKeys: Object.keys(properties).filter((key) => required.has(key)),
      }) as fc.Arbitrary<Record<string, Json>>;
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const keys = schema.propertyNames ? valid({ type: 'string', ...schema.propertyNames }, 'key') : fc.string({ minLength: 1, maxLength: 10 });
        const extra = fc.dictionary(keys as fc.Arbitrary<string>, valid(schema.additionalProperties, 'value', depth + 1), { maxKeys: 3 });
        return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
      }
      return record;
    }
  }
}

const wrongTypes: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...RAW_NUMBERS.map(raw)),
  fc.string({ maxLength: 6 }),
  oddString,
  fc.constant([]),
  fc.constant({}),
  fc.constant([1, 'two', null]),
  fc.constant({ __nested: { deeper: [{}] } }),
);

/** Values a schema refuses: the wrong type, just past a bound, a broken format. */
function invalid(schema: Schema | undefined): fc.Arbitrary<Json> {
  if (!schema) return wrongTypes;
  const near: fc.Arbitrary<Json>[] = [wrongTypes];
  const types = new Set<string>(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) for (const s of alternatives) if (s.type && s.type !== 'null') types.add(s.type);
  if (schema.enum) near.push(fc.constantFrom('not_a_value', String(schema.enum[0]).toUpperCase(), ` ${String(schema.enum[0])}`, ''));
  if (types.has('string')) {
    if (schema.maxLength !== undefined) near.push(fc.constant('x'.repeat(schema.maxLength + 1)), fc.constant('😀'.repeat(schema.maxLength + 1)));
    if (schema.minLength) near.push(fc.constant(''));
    if (schema.format === 'date' || schema.format === 'date-time') near.push(fc.constantFrom('2026-02-30', '2026-13-01', '02/03/2026', '2026-3-2', 'today', '2026-03-02T25:00:00Z', '+275760-09-13', '0000-00-00'));
    if (schema.format === 'uri') near.push(fc.constantFrom('not a url', 'javascript:alert(1)', '//no-scheme', 'http://'));
    if (schema.pattern) near.push(fc.constantFrom('0', '-1', ' 1', '１', '1e3', '0x10', 'a b', '\u0000', '.'));
    if (schema.pattern === CONTROL_FREE) near.push(fc.constantFrom('line\nbreak', 'tab\there', 'nul\u0000', 'del\u007f'));
    if (schema.pattern === ID_PATTERN) near.push(fc.constantFrom(String(MAX_ID + 1), '999999999999999'));
    near.push(fc.constant('x'.repeat(200_000)));
  }
  if (types.has('integer') || types.has('number')) {
    const max = schema.maximum ?? schema.exclusiveMaximum;
    const min = schema.minimum ?? schema.exclusiveMinimum;
    if (max !== undefined) near.push(fc.constant(schema.exclusiveMaximum !== undefined ? max : max + 1));
    if (min !== undefined) near.push(fc.constant(schema.exclusiveMinimum !== undefined ? min : min - 1));
    near.push(fc.constantFrom(1.5, -1, 0, '1', Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2), fc.constantFrom(...RAW_NUMBERS.map(raw)));
  }
  if (types.has('array')) {
    if (schema.maxItems !== undefined) near.push(fc.array(valid(schema.items), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    if (schema.items) near.push(fc.array(invalid(schema.items), { minLength: 1, maxLength: 3 }));
  }
  return fc.oneof(...near);
}

interface Mutation {
  /** The field a broken value sits in, dot-separated ('' for the whole body). */
  field?: string;
  kind: string;
}

/** One change that makes a valid object invalid, at the top or one level down. */
function mutateObject(schema: Schema, value: Record<string, Json>, prefix = ''): fc.Arbitrary<{ value: Json; mutation: Mutation }> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const choices: fc.Arbitrary<{ value: Json; mutation: Mutation }>[] = [];
  const path = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (required.length > 0)
    choices.push(
      fc.constantFrom(...required).map((key) => {
        const copy = { ...value };
        delete copy[key];
        return { value: copy, mutation: { field: path(key), kind: 'missing required field' } };
      }),
    );
  choices.push(
    fc.tuple(fc.constantFrom(...EXTRA_KEYS), wrongTypes).map(([key, extra]) => ({
      value: withKey(value, key, key === '__proto__' || key === 'constructor' ? { isAdmin: true, prototype: { polluted: true } } : extra),
      mutation: { field: path(key) || prefix || 'body', kind: `extra field ${JSON.stringify(key)}` },
    })),
  );
  const keys = Object.keys(properties);
  if (keys.length > 0)
    choices.push(
      fc.constantFrom(...keys).chain((key) => {
        const child = properties[key]!;
        const nested = child.type === 'object' && child.properties && value[key] && typeof value[key] === 'object' && !Array.isArray(value[key]);
        const inner = nested
          ? mutateObject(child, value[key] as Record<string, Json>, path(key))
          : invalid(child).map((bad) => ({ value: bad, mutation: { field: path(key), kind: 'invalid value' } }));
        return inner.map(({ value: bad, mutation }) => ({ value: nested ? { ...value, [key]: bad } : withKey(value, key, bad), mutation }));
      }),
    );
  return fc.oneof(...choices);
}

const MALFORMED_BODIES = [
  '{',
  '{"a":',
  '{"note": "x",}',
  "{'single': 'quotes'}",
  'null',
  '[]',
  '"a string"',
  '1e400',
  'true',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '\uFEFF{}',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `{"a":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`,
  '{"note": "\\ud800"}',
  '{"note": "\u0000"}',
  '',
];

// ---------------------------------------------------------------------------------------------------------------
// Requests.

type Who = 'admin' | 'agency_lead' | 'subgroup_chair' | 'independent_chair' | 'viewer' | 'none' | 'admin_without_csrf' | 'bearer';
const WHO: Who[] = ['admin', 'agency_lead', 'subgroup_chair', 'independent_chair', 'viewer', 'none', 'admin_without_csrf', 'bearer'];

interface FuzzRequest {
  who: Who;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  mutation?: Mutation;
  valid: boolean;
  /** Whether the path and query are as their schemas want (so a validation problem is about the body alone). */
  urlValid: boolean;
}

interface Seeded {
  world: TestWorld;
  evidenceDir: string;
  callers: Record<Exclude<Who, 'none' | 'admin_without_csrf' | 'bearer'>, Caller>;
  replyToken: string;
  bearerToken: string;
  resetToken: string;
  /** Puts back the people who send the requests, in a copy of the seeded database. */
  restore: (db: Db) => Promise<void>;
}

const queryValue = (value: Json) => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value).replace(RAW, '').replace('\u0001', ''));

/** Fastify's router's limit on one path parameter. */
const MAX_PARAM_LENGTH = 100;

function pathValueArb(param: Operation['parameters'][number], seeded: Seeded): fc.Arbitrary<{ value: string; valid: boolean }> {
  const good =
    param.name === 'token'
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constant(seeded.replyToken) },
          { weight: 1, arbitrary: fc.constant(seeded.resetToken) },
          { weight: 1, arbitrary: fc.base64String({ minLength: 44, maxLength: 44 }).map((s) => s.slice(0, 43).replace(/[+/=]/g, '_')) },
        )
      : valid(param.schema, param.name).map(String);
  const bad = fc.oneof(
    fc.constantFrom('abc', '0', '-1', '1.5', '99999999999999999999', '1e3', ' 1', '0x1', 'null', '%', '..', 'x'.repeat(MAX_PARAM_LENGTH)),
    oddString,
    invalid(param.schema).map(queryValue),
  );
  // The router refuses, before any route runs, a path segment over 100 characters or one that is not UTF-8 (a
  // problem of its own, tested below), so the fuzzer stays within what reaches the routes.
  // An empty segment is no parameter at all: `/api/agencies/` is the list (trailing slashes are ignored); nor
  // are the dot segments `.` and `..`, which the URL itself resolves.
  const routable = (value: string) => value.length > 0 && !/^\.{1,2}$/.test(value) && value.length <= MAX_PARAM_LENGTH && (value as string & { isWellFormed(): boolean }).isWellFormed();
  return fc.oneof(
    { weight: 3, arbitrary: good.filter(routable).map((value) => ({ value, valid: true })) },
    { weight: 1, arbitrary: bad.filter(routable).map((value) => ({ value, valid: false })) },
  );
}

function queryArb(param: Operation['parameters'][number]): fc.Arbitrary<{ pairs: [string, string][]; valid: boolean } | null> {
  const isArray = param.schema.type === 'array';
  const good = isArray
    ? fc.array(valid(param.schema.items, param.name), { minLength: 1, maxLength: Math.min(param.schema.maxItems ?? 3, 3) }).map((values) => values.map((v) => [param.name, queryValue(v)] as [string, string]))
    : valid(param.schema, param.name).map((v) => [[param.name, queryValue(v)]] as [string, string][]);
  const bad = fc.oneof(
    (isArray ? invalid(param.schema.items) : invalid(param.schema)).map((v) => [[param.name, queryValue(v)]] as [string, string][]),
    fc.constantFrom('', 'abc', '1e400', '-1', '[]', '%00', '１').map((v) => [[param.name, v]] as [string, string][]),
    oddString.map((v) => [[param.name, v]] as [string, string][]),
    isArray
      ? fc.constant(Array.from({ length: (param.schema.maxItems ?? 100) + 1 }, (_, i) => [param.name, String(i + 1)] as [string, string]))
      : fc.tuple(valid(param.schema, param.name), valid(param.schema, param.name)).map(([a, b]) => [[param.name, queryValue(a)], [param.name, queryValue(b)]] as [string, string][]),
  );
  const present = fc.oneof({ weight: 3, arbitrary: good.map((pairs) => ({ pairs, valid: true })) }, { weight: 1, arbitrary: bad.map((pairs) => ({ pairs, valid: false })) });
  if (param.required) return present;
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: present });
}

const FILE_CONTENT = fc.oneof(
  fc.constantFrom(
    'Attendance register: 42 of 45',
    'Agency,Action to be taken,Target date\r\nWest Midlands Police,Dip sample 10 cases,31/03/2026',
    '%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF',
    'PK\u0003\u0004not really a zip',
    '',
  ),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
const FILE_NAMES = fc.oneof(fc.constantFrom('plan.csv', 'plan.xlsx', 'register.txt', 'audit.pdf', 'noextension', '.csv', 'a/../../b.csv', 'résumé.docx', '‮fdp.exe', 'x'.repeat(300) + '.txt'), oddString);

function multipartArb(op: Operation): fc.Arbitrary<{ payload: Buffer; headers: Record<string, string>; valid: boolean }> {
  const properties = (op.body?.schema.properties ?? {}) as Record<string, Schema>;
  const fields = Object.entries(properties).filter(([, s]) => s.format !== 'binary');
  const fieldParts = fc.tuple(
    ...fields.map(([name]) =>
      fc.option(
        fc.oneof(idLike(1, 8).map(String), fc.constantFrom('abc', '', '-1', '1e400'), oddString).map((content) => ({ name, content })),
        { nil: undefined, freq: 4 },
      ),
    ),
  );
  const filePart = fc.option(
    fc.record({ filename: FILE_NAMES, contentType: fc.constantFrom('text/plain', 'text/csv', 'application/pdf', 'application/octet-stream', 'image/png', 'application/x-msdownload'), content: FILE_CONTENT }),
    { nil: undefined, freq: 6 },
  );
  const extra = fc.option(fc.record({ name: fc.constantFrom('__proto__', 'constructor', 'extra', 'file'), content: oddString }), { nil: undefined, freq: 2 });
  return fc.tuple(fieldParts, filePart, extra).map(([parts, file, more]) => {
    const all = [...parts.filter((p) => p !== undefined), ...(more ? [more] : []), ...(file ? [{ name: 'file', ...file }] : [])];
    const body = multipartBody(all as never);
    return { ...body, valid: file !== undefined && parts.every((p) => p !== undefined) && !more };
  });
}

/** Percent-encodes anything, a lone surrogate included: as its WTF-8 bytes, which are not valid UTF-8. */
function encode(text: string) {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

function requestArb(op: Operation, seeded: Seeded): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const respond = op.path.startsWith('/api/respond/');
  // Most refusals by role are alike; the business unit's admin may do most, so send as them more often, to reach
  // what lies past the access rules.
  const who = respond
    ? fc.oneof({ weight: 3, arbitrary: fc.constant<Who>('none') }, { weight: 1, arbitrary: fc.constantFrom(...WHO) })
    : fc.oneof({ weight: 3, arbitrary: fc.constant<Who>('admin') }, { weight: 1, arbitrary: fc.constant<Who>('agency_lead') }, { weight: 4, arbitrary: fc.constantFrom(...WHO) });
  const path = fc.tuple(...pathParams.map((p) => pathValueArb(p, seeded)));
  const query = fc.tuple(...queryParams.map(queryArb));
  const unknownQuery = fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'unknown', 'q[]', 'limit[]'), oddString), { nil: undefined, freq: 8 });

  let body: fc.Arbitrary<{ payload?: string | Buffer; headers: Record<string, string>; mutation?: Mutation; valid: boolean }>;
  if (!op.body) {
    body = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ headers: {}, valid: true }) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((payload) => ({ payload, headers: { 'content-type': 'application/json' }, valid: false })) },
    );
  } else if (op.body.contentType === 'multipart/form-data') {
    body = fc.oneof(
      { weight: 5, arbitrary: multipartArb(op) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((payload) => ({ payload, headers: { 'content-type': 'application/json' }, valid: false })) },
      { weight: 1, arbitrary: fc.constant({ payload: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' }, valid: false }) },
    );
  } else {
    const schema = op.body.schema;
    const good = valid(schema, 'body');
    const mutated =
      schema.type === 'object'
        ? good.chain((v) => mutateObject(schema, v as Record<string, Json>))
        : invalid(schema).map((value) => ({ value, mutation: { field: 'body', kind: 'invalid body' } as Mutation }));
    const json = (_payload: string) => ({ 'content-type': 'application/json' });
    body = fc.oneof(
      { weight: 5, arbitrary: good.map((v) => ({ payload: toJsonText(v), headers: json('x'), valid: true })) },
      { weight: 4, arbitrary: mutated.map(({ value, mutation }) => ({ payload: toJsonText(value), headers: json('x'), mutation, valid: false })) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((payload) => ({ payload, headers: json(payload), valid: false })) },
      { weight: 1, arbitrary: wrongTypes.map((v) => ({ payload: toJsonText(v), headers: json('x'), mutation: { field: 'body', kind: 'not an object' }, valid: false })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(good, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/xml'))
          .map(([v, type]) => ({ payload: toJsonText(v), headers: { 'content-type': type }, valid: false })),
      },
      { weight: 1, arbitrary: fc.constant({ headers: {}, valid: false }) },
    );
  }

  return fc.tuple(who, path, query, unknownQuery, body).map(([caller, pathValues, queryValues, extraQuery, b]) => {
    let url = op.path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(pathValues[i]!.value))));
    const pairs = queryValues.flatMap((q) => q?.pairs ?? []);
    if (extraQuery) pairs.push(extraQuery);
    const search = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    const headers: Record<string, string> = { ...b.headers };
    if (caller === 'bearer') headers.authorization = `Bearer ${seeded.bearerToken}`;
    return {
      who: caller,
      method: op.method.toUpperCase(),
      url: search ? `${url}?${search}` : url,
      headers,
      ...(b.payload !== undefined ? { payload: b.payload } : {}),
      ...(b.mutation ? { mutation: b.mutation } : {}),
      valid: b.valid && pathValues.every((p) => p.valid) && queryValues.every((q) => q === null || q.valid) && !extraQuery,
      urlValid: pathValues.every((p) => p.valid) && queryValues.every((q) => q === null || q.valid) && !extraQuery,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The world every operation is fuzzed in: a small plan, a person of each role, a chase with a reply link, a
// document, an import draft, a snapshot, a request for a new date and a reporting token.

async function seedWorld(evidenceDir: string): Promise<Seeded & { evidenceDir: string }> {
  const world = await createTestWorld({ evidenceDir });
  const plan = await seedSmallPlan(world.db);
  const overdue = await factories.action(world.db, { reviewId: plan.review.id, ownerAgencyId: plan.health.id, targetDate: '2026-01-31', ref: 'SD-2025/A2' });
  await world.signIn(['agency_lead'], { agencyIds: [plan.health.id], name: 'Nurse Lane' });
  await factories.learningPoint(world.db, { reviewId: plan.review.id });
  const callers = {
    admin: world.admin,
    agency_lead: await world.signIn(['agency_lead'], { agencyIds: [plan.police.id], name: 'DI Shah' }),
    subgroup_chair: await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Okafor' }),
    independent_chair: await world.signIn(['independent_chair'], { name: 'Ms Reed' }),
    viewer: await world.signIn(['viewer'], { name: 'Mr Viewer' }),
  };
  const ok = async (request: Parameters<TestWorld['request']>[0], status: number) => {
    const response = await world.request(request);
    expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(status);
    return response.json();
  };
  const file = await ok({ method: 'POST', url: '/api/evidence', as: callers.agency_lead, ...multipartBody([{ name: 'file', filename: 'audit.txt', contentType: 'text/plain', content: 'Audit' }]) }, 201);
  await ok(
    {
      method: 'POST',
      url: `/api/actions/${plan.action.id}/updates`,
      as: callers.agency_lead,
      payload: { note: 'Briefings done', confidence: 'on_track', statusChange: { from: 'not_started', to: 'completed' }, evidence: [{ label: 'Audit', fileId: file.id }] },
    },
    201,
  );
  await ok({ method: 'POST', url: '/api/chase', payload: { replyBy: '2026-03-16', actionIds: [overdue.id] } }, 201);
  await ok({ method: 'POST', url: '/api/snapshots', payload: { name: 'Board, February 2026', asAt: '2026-03-01' } }, 201);
  await ok(
    { method: 'POST', url: '/api/imports', ...multipartBody([{ name: 'reviewId', content: String(plan.review.id) }, { name: 'file', filename: 'plan.csv', content: 'Agency,Action to be taken,Target date\r\nPolice,Dip sample 10 cases,31/03/2026' }]) },
    201,
  );
  const token = await ok({ method: 'POST', url: '/api/tokens', payload: { name: 'Power BI', expiresOn: '2027-01-01' } }, 201);
  await ok({ method: 'POST', url: '/api/auth/password-reset', as: null, payload: { email: callers.viewer.email } }, 202);
  await world.app.scheduler.runOnce();
  const outbox = (await world.request({ method: 'GET', url: '/api/outbox?limit=50' })).json<{ items: { text: string }[] }>().items;
  const replyToken = outbox.map((e) => /\/respond\/([\w-]{43})/.exec(e.text)?.[1]).find(Boolean);
  const resetToken = outbox.flatMap((e) => [...e.text.matchAll(/\/([\w-]{43})\b/g)].map((m) => m[1]!)).find((t) => t !== replyToken);
  if (!replyToken) throw new Error('the seeded chase sent no reply link');

  // Whatever a fuzzed request does to the people sending them (signing out, ending sessions, roles, deactivation),
  // put them back, so later requests still come from each role.
  const people = Object.values(callers).map((c) => c.userId);
  const rowsOf = (query: string) => rawRows<Record<string, unknown>>(world.db, query);
  const saved = {
    sessions: await rowsOf(`select * from sessions where user_id in (${people.join(',')})`),
    users: await rowsOf(`select id, password_hash, active, must_change_password, totp_secret from users where id in (${people.join(',')})`),
    roles: await rowsOf(`select * from user_roles where user_id in (${people.join(',')})`),
    agencies: await rowsOf(`select * from user_agencies where user_id in (${people.join(',')})`),
    subgroups: await rowsOf(`select * from user_subgroups where user_id in (${people.join(',')})`),
  };
  // Values go back as they were read (booleans as 1/0 on SQLite, true/false on PostgreSQL).
  const reinsert = async (tx: Db, table: string, rows: Record<string, unknown>[]) => {
    for (const row of rows) {
      const keys = Object.keys(row);
      await rawRun(tx, `insert into ${table} (${keys.join(',')}) values (${keys.map(() => '?').join(',')}) on conflict do nothing`, keys.map((k) => row[k]));
    }
  };
  const restore = (db: Db) =>
    writeTransaction(db, async (tx) => {
      for (const u of saved.users) {
        await rawRun(tx, 'update users set password_hash = ?, active = ?, must_change_password = ?, totp_secret = ? where id = ?', [u.password_hash, u.active, u.must_change_password, u.totp_secret, u.id]);
      }
      for (const table of ['user_roles', 'user_agencies', 'user_subgroups']) await rawRun(tx, `delete from ${table} where user_id in (${people.join(',')})`);
      await reinsert(tx, 'user_roles', saved.roles);
      await reinsert(tx, 'user_agencies', saved.agencies);
      await reinsert(tx, 'user_subgroups', saved.subgroups);
      await reinsert(tx, 'sessions', saved.sessions);
    });
  return {
    world,
    callers,
    replyToken,
    bearerToken: (token as { token: string }).token,
    resetToken: resetToken ?? 'x'.repeat(43),
    restore,
    evidenceDir,
  };
}

/** A seeded database, kept so that every few operations can start again from a copy of it. */
interface Image {
  /** A new database holding exactly what the seeded one held. */
  open: () => Promise<Db>;
}

/** What a copy of the seeded world is checked with; each is quick, as it runs around every request. */
interface Watched {
  /** Every table's rows, each table's in a fixed order. */
  snapshot: () => Promise<string>;
  /** Statements that wrote (or may have written), rolled back or not, so far: unchanged means nothing was written. */
  writes: () => Promise<number>;
  close: () => Promise<void>;
}

/** The seeded database as an image: on SQLite its serialised file, on PostgreSQL every table's rows and the sequences. */
async function imageOf(db: Db): Promise<Image> {
  if (dialectOf(db) === 'postgres') return postgresImage(db);
  const image = db.$client.serialize();
  return {
    open: async () => {
      const sqlite = new Database(image);
      sqlite.pragma('foreign_keys = ON');
      return drizzle(sqlite, { schema }) as Db;
    },
  };
}

/** The tables of the PostgreSQL database the copies are made of: the schema's and the search index, not the migrations' own. */
const POSTGRES_TABLES = `select table_name as "name" from information_schema.tables
  where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations' order by table_name`;

/**
 * PostgreSQL has no file to copy: the image is every table's rows as the server writes them in JSON (read back by
 * json_populate_recordset, so every type comes back as it was) and where each identity sequence stood. A copy is a
 * fresh test database emptied and filled from it with triggers and foreign-key checks off for that transaction
 * (session_replication_role = replica, which the test server's superuser may set: the rows are copied as they are,
 * search index included, in any order).
 */
async function postgresImage(db: Db): Promise<Image> {
  const tables: { name: string; columns: string; rows: string }[] = [];
  for (const { name } of await rawRows<{ name: string }>(db, POSTGRES_TABLES)) {
    const row = await rawRow<{ rows: string }>(db, `select coalesce(json_agg(t), '[]')::text as "rows" from "${name}" t`);
    // A generated column (the search index's document) is computed again from the others.
    const columns = await rawRows<{ name: string }>(
      db,
      `select column_name as "name" from information_schema.columns where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER' order by ordinal_position`,
      [name],
    );
    tables.push({ name, columns: columns.map((c) => `"${c.name}"`).join(', '), rows: row!.rows });
  }
  const sequences = await rawRows<{ name: string; value: number }>(
    db,
    `select sequencename as "name", last_value as "value" from pg_sequences where schemaname = current_schema() and last_value is not null`,
  );
  return {
    open: async () => {
      const copy = await createTestDatabase();
      await writeTransaction(copy, async (tx) => {
        await rawRun(tx, 'set local session_replication_role = replica');
        await rawRun(tx, `truncate table ${tables.map((t) => `"${t.name}"`).join(', ')} restart identity`);
        for (const table of tables) {
          await rawRun(tx, `insert into "${table.name}" (${table.columns}) select ${table.columns} from json_populate_recordset(null::"${table.name}", ?::json)`, [table.rows]);
        }
        for (const sequence of sequences) await rawRun(tx, `select setval('"${sequence.name}"', ?)`, [sequence.value]);
      });
      return copy;
    },
  };
}

/** SQLite: statements compiled once; the connection's own count of changed rows says whether anything was written. */
function watchSqlite(db: Db): Watched {
  const sqlite = db.$client;
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'actions_fts%' and name <> '__drizzle_migrations' order by name").all() as { name: string }[]).map((t) => t.name);
  const totalChanges = sqlite.prepare('select total_changes() as n');
  const reads = tables.map((name) => [name, sqlite.prepare(`select * from "${name}" order by rowid`)] as const);
  return {
    snapshot: async () => JSON.stringify(reads.map(([name, read]) => [name, read.all()])),
    writes: async () => (totalChanges.get() as { n: number }).n,
    close: async () => {
      sqlite.close();
    },
  };
}

/** Statements that can write; a read that merely names a word like these (`for update`) is counted too, which is safe. */
const MAY_WRITE = /\b(insert|update|delete|merge|truncate)\b/i;

/**
 * PostgreSQL: one query reads every table (one round trip), each table's rows by id where it has one; the statements
 * that may write are counted as the pool's connections send them (each connection is counted from when it is lent).
 */
async function watchPostgres(db: Db): Promise<Watched> {
  // The search index is left out, as actions_fts is on SQLite: it follows the actions by trigger.
  const tables = (await rawRows<{ name: string }>(db, POSTGRES_TABLES)).map((t) => t.name).filter((name) => name !== 'actions_search');
  const withId = new Set((await rawRows<{ name: string }>(db, `select table_name as "name" from information_schema.columns where table_schema = current_schema() and column_name = 'id'`)).map((t) => t.name));
  const read = `select json_build_array(${tables
    .map((name) => `json_build_array('${name}', (select coalesce(json_agg(t order by ${withId.has(name) ? 't.id' : 't::text'}), '[]') from "${name}" t))`)
    .join(', ')})::text as "tables"`;
  let writes = 0;
  const pool = db.$client as unknown as pg.Pool;
  const counted = new WeakSet<pg.PoolClient>();
  const count = (client: pg.PoolClient) => {
    if (counted.has(client)) return;
    counted.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: unknown } | null)?.text ?? '');
      if (MAY_WRITE.test(text)) writes += 1;
      return query(...args);
    };
  };
  pool.on('acquire', count);
  return {
    snapshot: async () => (await rawRow<{ tables: string }>(db, read))!.tables,
    writes: async () => writes,
    close: async () => {
      pool.off('acquire', count);
      await closeDatabase(db);
    },
  };
}

/**
 * A fresh copy of the seeded world for one operation: its database made from the seeded one's image (so seeding
 * runs once), its evidence folder copied, and the real app built on them.
 */
async function cloneWorld(seeded: Seeded, image: Image, evidenceDir: string) {
  cpSync(seeded.evidenceDir, evidenceDir, { recursive: true });
  const db = await image.open();
  const watched = dialectOf(db) === 'postgres' ? await watchPostgres(db) : watchSqlite(db);
  const app = await buildApp({
    db,
    now: () => TEST_NOW,
    webDistDir: '/nonexistent',
    scryptCost: TEST_SCRYPT_COST,
    evidenceDir,
    // TEST_LOG_ERRORS=1 shows what went wrong behind a 500, as in createTestWorld.
    ...(process.env.TEST_LOG_ERRORS ? { logger: { level: 'error' } } : {}),
  });
  await app.ready();
  const request = ({ as, withoutCsrf, ...options }: Parameters<TestWorld['request']>[0]) => {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (as) {
      headers.cookie = as.cookie;
      if (!withoutCsrf) headers['x-csrf-token'] = as.csrfToken;
    }
    return app.inject({ ...options, headers }) as unknown as ReturnType<TestWorld['request']>;
  };
  return {
    request,
    /** Every table's rows, to prove a refused request changed nothing. */
    snapshot: watched.snapshot,
    /** Writes since the copy was made, rolled back or not: unchanged means nothing was written. */
    writes: watched.writes,
    restore: () => seeded.restore(db),
    close: async () => {
      await app.close();
      await watched.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Checking answers.

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
ajv.addFormat('binary', true);
const validators = new Map<string, ValidateFunction>();

function responseValidator(op: Operation, status: number): ValidateFunction | undefined {
  const key = `${op.operationId} ${status}`;
  if (!validators.has(key)) {
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    validators.set(key, ajv.compile(schema));
  }
  return validators.get(key);
}

const LOCATION_WORDS = new Set(['body', 'query', 'path', 'header']);
let requestsSent = 0;
const undocumented = new Map<string, number>();
/** Known gaps the fuzzer met, each named in the code where it is let through: listed after the run. */

type Response = Awaited<ReturnType<TestWorld['request']>>;

/**
 * What a refused request may still write, on purpose: an operation that checks a password or a code (it
 * documents 429) counts the failed attempt, so that guessing is slowed down, and audits it. Nothing else.
 */
const ATTEMPT_AUDITS = new Set(['sign_in_failed', 'sign_in_throttled']);

function refusalChanges(op: Operation, before: string, after: string): string[] {
  const old = new Map((JSON.parse(before) as [string, unknown[]][]).map(([name, rows]) => [name, rows]));
  const changed: string[] = [];
  for (const [name, rows] of JSON.parse(after) as [string, Record<string, unknown>[]][]) {
    const was = old.get(name) ?? [];
    if (JSON.stringify(was) === JSON.stringify(rows)) continue;
    if (op.responses['429'] && name === 'sign_in_failures') continue;
    if (op.responses['429'] && name === 'audit_events') {
      const kept = JSON.stringify(rows.slice(0, was.length)) === JSON.stringify(was);
      const added = rows.slice(was.length);
      if (kept && added.every((row) => ATTEMPT_AUDITS.has(String(row.operation)))) continue;
    }
    changed.push(name);
  }
  return changed;
}

function check(op: Operation, request: FuzzRequest, response: Response, before: string | undefined, after: string | undefined) {
  const where = `${request.method} ${request.url} as ${request.who}${request.mutation ? ` (${request.mutation.kind} at ${request.mutation.field})` : ''}\n  body sent: ${String(request.payload ?? '').slice(0, 300)}\n  answer: ${response.statusCode} ${response.body.slice(0, 600)}`;
  const status = response.statusCode;
  expect(status, `a server error: ${where}`).toBeLessThan(500);
  if (!op.responses[String(status)]) undocumented.set(`${op.method.toUpperCase()} ${op.path} → ${status}`, (undocumented.get(`${op.method.toUpperCase()} ${op.path} → ${status}`) ?? 0) + 1);
  const type = String(response.headers['content-type'] ?? '');
  if (status >= 400) {
    expect(type, `a refusal that is not a problem: ${where}`).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ status: number; code: unknown; title: unknown; type: unknown; errors?: { path: unknown; message: unknown }[] }>();
    expect(problem.status, where).toBe(status);
    expect(typeof problem.code === 'string' && problem.code.length > 0, `a problem without a code: ${where}`).toBe(true);
    expect(typeof problem.title, where).toBe('string');
    if (problem.code === 'validation.failed') {
      expect(Array.isArray(problem.errors) && problem.errors.length > 0, `a validation problem that names no field: ${where}`).toBe(true);
      for (const e of problem.errors!) {
        expect(typeof e.path === 'string' && e.path.length > 0, `an error with no field: ${where}`).toBe(true);
        expect(typeof e.message === 'string' && e.message.length > 0, `an error with no message: ${where}`).toBe(true);
      }
      if (request.mutation?.field && request.mutation.field !== 'body' && request.urlValid) {
        const field = request.mutation.field;
        const top = field.split('.')[0]!;
        const named = problem.errors!.some((e) => {
          const path = String(e.path);
          return LOCATION_WORDS.has(path) || path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`) || path.split('.')[0] === top;
        });
        expect(named, `a validation problem that does not name ${field}: ${where}`).toBe(true);
      }
    }
    if (before !== undefined && after !== undefined) {
      const changed = refusalChanges(op, before, after);
      if (changed.length > 0) expect.fail(`a refused ${request.method} changed the database (${changed.join(', ')}): ${where}`);
    }
  } else if (status >= 200 && status < 300) {
    expect(op.responses[String(status)], `an undocumented success status: ${where}`).toBeDefined();
    if (type.startsWith('application/json')) {
      const validate = responseValidator(op, status);
      expect(validate, `a JSON answer the document gives no schema for: ${where}`).toBeDefined();
      const ok = validate!(response.json());
      expect(ok, `the answer does not match its schema: ${ajv.errorsText(validate!.errors)}\n${where}`).toBe(true);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

const operations: Operation[] = [];
const timing = { snapshot: 0, inject: 0, check: 0 };
/** Each operation's answers by status, to see how deep the generated requests reach. */
const statuses = new Map<string, Map<number, number>>();
const dirs: string[] = [];

beforeAll(async () => {
  const dir = tempDir();
  dirs.push(dir);
  const world = await createTestWorld({ evidenceDir: dir });
  const response = await world.request({ method: 'GET', url: '/api/openapi.json', as: null });
  expect(response.statusCode).toBe(200);
  const document = response.json<{ paths: Record<string, Partial<Record<Method, Omit<Operation, 'method' | 'path' | 'body'> & { requestBody?: Schema }>>> }>();
  await world.close();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const content = Object.entries((operation.requestBody?.content ?? {}) as Record<string, { schema: Schema }>)[0];
      operations.push({
        method,
        path,
        operationId: operation.operationId,
        parameters: (operation.parameters ?? []) as Operation['parameters'],
        responses: operation.responses,
        ...(content ? { body: { contentType: content[0], schema: content[1].schema, required: Boolean(operation.requestBody?.required) } } : {}),
      });
    }
  }
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (process.env.FUZZ_PROFILE) {
    console.info(`time in ms: ${JSON.stringify(timing)}`);
    console.info([...statuses].map(([id, tally]) => `${id}: ${[...tally].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ')}`).join('\n'));
  }
  if (undocumented.size > 0) console.info(`Statuses answered that the document does not list:\n${[...undocumented].map(([k, n]) => `  ${k} (${n}×)`).join('\n')}`);
});

/** How many operations share one copy of the seeded world, one after another. */
const OPERATIONS_PER_WORLD = 4;

/** Operations whose answers are large files: fewer runs, as each is slow to build. */
const SLOW = new Set(['getExportsActionsXlsx', 'getExportsPlanTemplateXlsx', 'getReportsAssurance']);

describe('the router’s own refusals', () => {
  // Fastify's router answers these itself, before any route or the error handler runs: app.ts gives it
  // `frameworkErrors`, so they are problems like every other refusal.
  it('answers a path parameter over 100 characters, or a path that is not UTF-8, with a problem', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const world = await createTestWorld({ evidenceDir: dir });
    try {
      for (const url of [`/api/actions/${'1'.repeat(101)}`, `/api/respond/${'x'.repeat(201)}`, '/api/actions/%ED%A0%80', '/api/reviews/%E0%A4%A']) {
        const response = await world.request({ method: 'GET', url });
        expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
        expect(response.headers['content-type'], `${url}: ${response.body}`).toMatch(/^application\/problem\+json/);
        expect(response.json<{ code?: string }>().code, url).toEqual(expect.any(String));
      }
    } finally {
      await world.close();
    }
  });
});

describe('what the fuzzer found, pinned', () => {
  it('a refused upload through a reply link leaves nothing behind, not even a record of the link’s use', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const seeded = await seedWorld(dir);
    const { world, replyToken } = seeded;
    try {
      const before = await world.snapshot();
      const zip = multipartBody([{ name: 'file', filename: 'minutes.pdf', contentType: 'application/pdf', content: 'PK\u0003\u0004not really a zip' }]);
      const refused = await world.request({ method: 'POST', url: `/api/respond/${replyToken}/evidence`, as: null, ...zip });
      expect(refused.statusCode, refused.body).toBe(415);
      expect(await world.snapshot()).toBe(before);
      const kept = await world.request({ method: 'POST', url: `/api/respond/${replyToken}/evidence`, as: null, ...multipartBody([{ name: 'file', filename: 'minutes.txt', contentType: 'text/plain', content: 'Minutes' }]) });
      expect(kept.statusCode, kept.body).toBe(201);
      const uses = (await rawRow<{ after: string }>(world.db, `select "after" from audit_events where operation = 'token_used' order by id desc limit 1`))!;
      expect(JSON.parse(uses.after)).toMatchObject({ upload: true });
    } finally {
      await world.close();
    }
  });
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('reads the document: every operation, with the schemas to fuzz it from', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it(
    'never a 5xx; refusals are problems and change nothing; successes match their schema',
    async () => {
      // The slow operations get a quarter of the runs; the others make up the total.
      const shares = operations.reduce((sum, op) => sum + (SLOW.has(op.operationId) ? 0.25 : 1), 0);
      const perOperation = Math.ceil(TOTAL_RUNS / shares);
      const seedDir = tempDir();
      dirs.push(seedDir);
      const seeded = await seedWorld(seedDir);
      const image = await imageOf(seeded.world.db);
      await seeded.world.close();
      let world: Awaited<ReturnType<typeof cloneWorld>> | undefined;
      const failures: string[] = [];
      for (const [index, op] of operations.entries()) {
        const started = performance.now();
        // A fresh copy of the seeded world for every few operations (building the app is the slow part).
        if (index % OPERATIONS_PER_WORLD === 0 || !world) {
          await world?.close();
          const dir = tempDir();
          dirs.push(dir);
          world = await cloneWorld(seeded, image, dir);
        }
        const seededAt = performance.now();
        const current = world!;
        const runs = SLOW.has(op.operationId) ? Math.ceil(perOperation / 4) : perOperation;
        try {
          await fc.assert(
            fc.asyncProperty(requestArb(op, seeded), async (request) => {
              const as = request.who === 'none' || request.who === 'bearer' ? null : request.who === 'admin_without_csrf' ? seeded.callers.admin : seeded.callers[request.who];
              let t = performance.now();
              const before = request.method === 'GET' ? undefined : await current.snapshot();
              const writesBefore = await current.writes();
              timing.snapshot += performance.now() - t;
              t = performance.now();
              const response = await current.request({
                method: request.method as 'GET',
                url: request.url,
                headers: request.headers,
                as,
                ...(request.who === 'admin_without_csrf' ? { withoutCsrf: true } : {}),
                ...(request.payload !== undefined ? { payload: request.payload } : {}),
              });
              requestsSent += 1;
              if (process.env.FUZZ_DEBUG === op.operationId && request.valid && response.statusCode === 400) console.info(`${request.url} ${String(request.payload ?? '').slice(0, 400)}\n → ${response.body.slice(0, 400)}`);
              const tally = statuses.get(op.operationId) ?? new Map<number, number>();
              tally.set(response.statusCode, (tally.get(response.statusCode) ?? 0) + 1);
              statuses.set(op.operationId, tally);
              timing.inject += performance.now() - t;
              t = performance.now();
              // Nothing written (not even rolled back) means the database is as it was, without reading it again; only
              // a refusal's effect is checked.
              const after = before === undefined || response.statusCode < 400 ? undefined : (await current.writes()) === writesBefore ? before : await current.snapshot();
              check(op, request, response, before, after);
              timing.check += performance.now() - t;
              if (request.method !== 'GET' && response.statusCode < 300) await current.restore();
            }),
            { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
          );
        } catch (error) {
          const cause = (error as Error).cause as Error | undefined;
          const text = `${(error as Error).message}${cause ? `\n${cause.message}` : ''}`;
          const short = text
            .split('\n')
            .map((line) => (line.length > 1200 ? `${line.slice(0, 1200)}… (${line.length} characters)` : line))
            .join('\n');
          const failure = `${op.method.toUpperCase()} ${op.path}: ${short}`;
          if (!KEEP_GOING) throw new Error(failure);
          failures.push(failure);
          // The failed request may have left the copy as no other request expects it: the next operation gets a new one.
          await world?.close();
          world = undefined;
        } finally {
          if (process.env.FUZZ_PROFILE) console.info(`${op.operationId}: seed ${Math.round(seededAt - started)} ms, ${runs} requests ${Math.round(performance.now() - seededAt)} ms`);
        }
      }
      await world?.close();
      if (failures.length > 0) throw new Error(`${failures.length} operations failed:\n\n${failures.join('\n\n')}`);
      expect(requestsSent).toBeGreaterThanOrEqual(TOTAL_RUNS);
    },
    600_000,
  );
});
