import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { asyncApiDocument } from './asyncapi.document';

/**
 * OpenAPI from the controllers' and DTOs' decorators: JSON at /api/docs-json, Swagger UI at
 * /api/docs (its assets come from the swagger-ui-dist package, served by this process). The
 * AsyncAPI document of /ws is at /api/docs/asyncapi.json.
 */
export function mountApiDocs(app: NestExpressApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Conduit Live API')
    .setDescription('The RealWorld API v2, live: every write also travels on the /ws stream (see /api/docs/asyncapi.json).')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <jwt>` (or `Bearer <jwt>`)' }, 'token')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const asyncApi = asyncApiDocument();
  app.use('/api/docs/asyncapi.json', (req: Request, res: Response, next: NextFunction) => (req.method === 'GET' ? res.json(asyncApi) : next()));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Conduit Live API' });
}
