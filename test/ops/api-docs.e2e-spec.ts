import SwaggerParser from '@apidevtools/swagger-parser';
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; parameters?: { name: string; in: string; required?: boolean }[] }>>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };

const protocol = readFileSync(join(process.env.SHARED_DIR ?? join(__dirname, '..', '..', '..', 'shared'), 'PROTOCOL.md'), 'utf8');

/** The rows of the PROTOCOL.md table under `heading`, as cells. */
function protocolTable(heading: string): string[][] {
  const table = protocol.split(heading)[1].split('\n\n')[0];
  return table.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split(' | '));
}

/** Every event PROTOCOL.md names: the first column of both tables, and the answers to client frames. */
function protocolEvents(): string[] {
  const client = protocolTable('### Client to server');
  const server = protocolTable('### Server to client');
  const names = (cell: string) => [...cell.matchAll(/`([a-z]+)`/g)].map((match) => match[1]);
  return [...new Set([...client.flatMap((row) => [...names(row[0]), ...names(row[2])]), ...server.flatMap((row) => names(row[0]))])].sort();
}

jest.setTimeout(30_000);

describe('API documents', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp('sqlite');
  });
  afterAll(() => api.close());

  it('serves an OpenAPI document that a real parser validates, with the RealWorld endpoints and DTOs', async () => {
    const res = await fetch(`${api.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as OpenApi;
    await SwaggerParser.validate(structuredClone(document) as never);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/users', '/api/users/login', '/api/user', '/api/articles', '/api/articles/feed', '/api/articles/{slug}', '/api/articles/{slug}/comments', '/api/articles/{slug}/comments/{id}', '/api/tags', '/api/health/ready', '/api/live']),
    );
    expect(document.paths['/metrics']).toBeUndefined();
    const create = document.paths['/api/articles'].post;
    expect(create.requestBody!.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateArticleDto');
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(document.components.schemas.NewArticleDto.required).toEqual(['title', 'description', 'body']);
    expect(Object.keys(document.components.schemas.NewArticleDto.properties!)).toEqual(['title', 'description', 'body', 'tagList']);
    expect(document.components.schemas.NewUserDto.required).toEqual(['username', 'email', 'password']);
    expect(document.paths['/api/articles'].get.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['limit', 'offset', 'tag', 'author', 'favorited']));
  });

  it('serves the Swagger UI with its assets from this server', async () => {
    const page = await (await fetch(`${api.baseUrl}/api/docs`)).text();
    expect(page).toContain('swagger-ui');
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      expect((await fetch(new URL(asset, `${api.baseUrl}/api/docs/`))).status).toBe(200);
    }
  });

  it('serves an AsyncAPI document of /ws that the AsyncAPI parser validates and that matches PROTOCOL.md', async () => {
    const raw = await (await fetch(`${api.baseUrl}/api/docs/asyncapi.json`)).json();
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(raw));
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    const channel = document!.channels().get('live')!;
    expect(channel.address()).toBe('/ws');
    const messages = channel.messages().all().map((message) => message.id()).sort();
    expect(messages).toEqual(protocolEvents());
    const documentedCodes = protocol.split('codes: ')[1].split('\n')[0].match(/`([A-Z_]+)`/g)!.map((code) => code.replace(/`/g, ''));
    expect(raw.channels.live.messages.error.payload.properties.data.properties.code.enum).toEqual(documentedCodes);
  });
});
