import { Body, Controller, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ArticlesService } from '../articles/articles.service';
import { CreateArticleDto } from '../articles/dto/create-article.dto';
import { UpdateArticleDto } from '../articles/dto/update-article.dto';
import type { AuthUser } from '../auth/auth-token.service';
import { AuthRequired, type AuthenticatedRequest } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CommentsService } from '../comments/comments.service';
import { CreateCommentDto } from '../comments/dto/create-comment.dto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AuthEndpoint } from '../security/rate-limits';
import { SameOriginGuard } from '../session/same-origin.guard';
import { startSession } from '../session/session-cookie';
import { LoginUserDto } from '../users/dto/login-user.dto';
import { RegisterUserDto } from '../users/dto/register-user.dto';
import { UpdateUserDto } from '../users/dto/update-user.dto';
import { UsersService } from '../users/users.service';
import { articleBody, commentBody, creationKey, loginBody, registrationBody, settingsBody, type FormBody } from './form-fields';
import { PAGE_FORM_ROUTES } from './page-form-routes';
import { PostedFormFilter } from './posted-form.filter';
import { validated } from './validated-form';

const articlePage = (slug: string) => `/article/${encodeURIComponent(slug)}`;

/**
 * The app's forms as the browser posts them by itself, before the app's script runs or without it: the
 * same services, DTOs, session cookie, rate limits and same-origin check as the JSON routes the app
 * calls once it runs. Done, a 303 sends the browser where the app would go; refused, the page comes
 * back with the errors (PostedFormFilter).
 */
@ApiExcludeController()
@Controller()
@UseGuards(SameOriginGuard)
@UseFilters(PostedFormFilter)
export class PageFormsController {
  constructor(
    private readonly users: UsersService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(PAGE_FORM_ROUTES.login)
  @AuthEndpoint()
  async signIn(@Body() form: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { user } = await validated(LoginUserDto, loginBody(form));
    startSession(req, res, await this.users.login(user), this.config.jwtTtlSeconds);
    res.redirect(303, '/');
  }

  @Post(PAGE_FORM_ROUTES.register)
  @AuthEndpoint()
  async signUp(@Body() form: FormBody, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { user } = await validated(RegisterUserDto, registrationBody(form));
    startSession(req, res, await this.users.register(user), this.config.jwtTtlSeconds);
    res.redirect(303, '/');
  }

  /** The session cookie is renewed, as `PUT /api/user` renews it: a new password revoked the old token. */
  @Post(PAGE_FORM_ROUTES.settings)
  @AuthRequired()
  async updateSettings(@Body() form: FormBody, @CurrentUser() reader: AuthUser, @Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { user: changes } = await validated(UpdateUserDto, settingsBody(form));
    const account = await this.users.update(reader.id, changes, reader.sessionId);
    if (req.viaSession) startSession(req, res, account, this.config.jwtTtlSeconds);
    res.redirect(303, `/profile/${encodeURIComponent(account.username)}`);
  }

  @Post(PAGE_FORM_ROUTES.newArticle)
  @AuthRequired()
  async createArticle(@Body() form: FormBody, @CurrentUser() reader: AuthUser, @Res() res: Response): Promise<void> {
    const { article } = await validated(CreateArticleDto, articleBody(form));
    res.redirect(303, articlePage((await this.articles.create(reader, article, creationKey(form, article))).slug));
  }

  @Post(PAGE_FORM_ROUTES.editArticle)
  @AuthRequired()
  async updateArticle(@Param('slug') slug: string, @Body() form: FormBody, @CurrentUser() reader: AuthUser, @Res() res: Response): Promise<void> {
    const { article: changes } = await validated(UpdateArticleDto, articleBody(form));
    res.redirect(303, articlePage((await this.articles.update(reader.id, slug, changes)).slug));
  }

  @Post(PAGE_FORM_ROUTES.comment)
  @AuthRequired()
  async postComment(@Param('slug') slug: string, @Body() form: FormBody, @CurrentUser() reader: AuthUser, @Res() res: Response): Promise<void> {
    const { comment } = await validated(CreateCommentDto, commentBody(form));
    await this.comments.create(reader, slug, comment.body);
    res.redirect(303, articlePage(slug));
  }
}
