import { Inject, Injectable } from '@nestjs/common';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options';
import { matchesTopic, type TopicPolicy } from './topic-policy';

/** The topics clients may subscribe to: the configured ones, plus those features register at start-up. */
@Injectable()
export class LiveTopics {
  private readonly policies: TopicPolicy[];

  constructor(@Inject(DELIVERY_OPTIONS) options: Pick<DeliveryOptions, 'topics'>) {
    this.policies = [...options.topics];
  }

  register(policy: TopicPolicy): void {
    this.policies.push(policy);
  }

  find(topic: string): TopicPolicy | undefined {
    return this.policies.find((policy) => matchesTopic(policy, topic));
  }
}
