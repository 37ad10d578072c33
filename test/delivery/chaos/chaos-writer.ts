import type { Article, Comment } from '@conduit/contract';
import type { ClusterInstance } from '../../support/api-cluster';
import type { SeededRandom } from '../../support/seeded-random';
import type { LoggedWrite, WriteKind, WriteLog } from './write-log';

/**
 * Where the writers' requests go, and how many each instance has unanswered: an instance about to be
 * killed gets no new request, so the requests it cuts are exactly those in flight at the kill.
 */
export class WriteTraffic {
  private readonly inFlight = new Map<ClusterInstance, number>();
  private doomed: ClusterInstance | null = null;
  private onSend: (instance: ClusterInstance) => void = () => undefined;
  /** Requests that got no answer, with the instance and the error. */
  readonly failures: { instance: number; error: string }[] = [];

  constructor(private readonly instances: ClusterInstance[]) {}

  /** The instances a new request may go to. */
  targets(): ClusterInstance[] {
    return this.instances.filter((instance) => instance.running && instance !== this.doomed);
  }

  /** Resolves while `instance` has a request in flight: a kill then lands on an unanswered write. */
  busy(instance: ClusterInstance): Promise<void> {
    if ((this.inFlight.get(instance) ?? 0) > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onSend = (target) => {
        if (target !== instance) return;
        this.onSend = () => undefined;
        resolve();
      };
    });
  }

  /** Sends no new request to `instance` from now on; returns how many it has in flight. */
  doom(instance: ClusterInstance): number {
    this.doomed = instance;
    return this.inFlight.get(instance) ?? 0;
  }

  spare(): void {
    this.doomed = null;
  }

  async send<T>(instance: ClusterInstance, method: string, path: string, body: unknown, token: string): Promise<Answer<T>> {
    this.inFlight.set(instance, (this.inFlight.get(instance) ?? 0) + 1);
    this.onSend(instance);
    try {
      return await instance.request<T>(method, path, body, token);
    } catch (error) {
      this.failures.push({ instance: instance.index, error: String(error) });
      return null;
    } finally {
      this.inFlight.set(instance, this.inFlight.get(instance)! - 1);
    }
  }
}

type Answer<T> = { status: number; body: T } | null;

const acknowledged = <T>(answer: Answer<T>): Answer<T> => (answer !== null && answer.status >= 200 && answer.status < 300 ? answer : null);

export const BODY = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(175);

/**
 * One account writing through random instances, each write logged with its answer. It updates and
 * deletes only its own articles, and comments only on its discussion (its first article, never
 * deleted), so the log orders every article's and comment's writes.
 */
export class ChaosWriter {
  /** Its articles that a create acknowledged and no delete was sent for. */
  readonly slugs: string[] = [];
  /** Its comments that a create acknowledged and no delete was sent for. */
  readonly comments: string[] = [];
  discussion = '';

  constructor(
    readonly index: number,
    private readonly token: string,
    private readonly traffic: WriteTraffic,
    private readonly log: WriteLog,
    private readonly random: SeededRandom,
  ) {}

  async create(title: string, instance = this.random.pick(this.traffic.targets())): Promise<LoggedWrite> {
    const answer = await this.traffic.send<{ article: Article }>(instance, 'POST', '/articles', { article: { title, description: `created through instance ${instance.index}`, body: BODY } }, this.token);
    return this.record('create', instance, title, answer, { slug: acknowledged(answer)?.body.article.slug });
  }

  /** One write of the storm, chosen by the writer's random stream; `n` makes what it writes unique in the run. */
  async stormWrite(n: number): Promise<LoggedWrite> {
    const roll = this.random.next();
    const instance = this.random.pick(this.traffic.targets());
    if (this.slugs.length === 0 || roll < 0.35) {
      const write = await this.create(`chaos ${n}`, instance);
      if (write.slug) this.slugs.push(write.slug);
      return write;
    }
    if (roll < 0.65) {
      const slug = this.random.pick(this.slugs);
      const description = `edit ${n}`;
      const answer = await this.traffic.send(instance, 'PUT', `/articles/${slug}`, { article: { description, body: `${BODY} ${description}` } }, this.token);
      return this.record('update', instance, description, answer, { slug });
    }
    if (roll < 0.72) {
      const slug = this.slugs.splice(this.random.below(this.slugs.length), 1)[0];
      const answer = await this.traffic.send(instance, 'DELETE', `/articles/${slug}`, undefined, this.token);
      return this.record('delete', instance, slug, answer, { slug });
    }
    if (roll < 0.9 || this.comments.length === 0) {
      const body = `comment ${n}`;
      const answer = await this.traffic.send<{ comment: Comment }>(instance, 'POST', `/articles/${this.discussion}/comments`, { comment: { body } }, this.token);
      const commentId = acknowledged(answer)?.body.comment.id;
      if (commentId !== undefined) this.comments.push(String(commentId));
      return this.record('comment', instance, body, answer, { slug: this.discussion, commentId: commentId === undefined ? undefined : String(commentId) });
    }
    const commentId = this.comments.splice(this.random.below(this.comments.length), 1)[0];
    const answer = await this.traffic.send(instance, 'DELETE', `/articles/${this.discussion}/comments/${commentId}`, undefined, this.token);
    return this.record('uncomment', instance, commentId, answer, { slug: this.discussion, commentId });
  }

  private record(kind: WriteKind, instance: ClusterInstance, asked: string, answer: Answer<unknown>, target: { slug?: string; commentId?: string } = {}): LoggedWrite {
    const write: LoggedWrite = {
      writer: this.index,
      kind,
      instance: instance.index,
      ...target,
      asked,
      outcome: answer === null ? 'cut' : acknowledged(answer) ? 'acknowledged' : 'refused',
      status: answer?.status,
      answer: answer?.body,
    };
    this.log.add(write);
    return write;
  }
}
