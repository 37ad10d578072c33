import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PostedForm } from '@conduit/contract';

/** Renders the page a form was posted to again, with the refused form in it, and answers it with `status`. */
export type PostedFormRender = (req: Request, res: Response, form: PostedForm, status: number) => Promise<void>;

/**
 * The server-side render of pages, for the form posts the API refuses. Set by web-app.ts once the web
 * build is loaded; without one (an API-only server) a refused form is answered as the JSON API would.
 */
@Injectable()
export class PageRenderer {
  private render: PostedFormRender | null = null;

  attach(render: PostedFormRender): void {
    this.render = render;
  }

  get available(): boolean {
    return this.render !== null;
  }

  renderPostedForm(req: Request, res: Response, form: PostedForm, status: number): Promise<void> {
    if (!this.render) throw new Error('no web build to render pages with');
    return this.render(req, res, form, status);
  }
}
