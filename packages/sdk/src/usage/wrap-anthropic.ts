import { messageStreamUsage, messageUsage } from './anthropic-usage';
import { meterCreate, type ApiMethod } from './metered-create';
import { field } from './model-usage';
import { recorder, type WrapOptions } from './wrap-options';

/** The part of an `@anthropic-ai/sdk` client that is metered. */
export interface AnthropicLike {
  messages: { create: ApiMethod };
}

/**
 * Meters every `messages.create` of this client (`messages.stream()` and `parse()` go through it): one trace per call
 * with its model, token buckets and `tags`, no content; streams from their message_start and message_delta usage.
 * The client is changed in place and returned.
 */
export function wrapAnthropic<T extends AnthropicLike>(client: T, options: WrapOptions): T {
  meterCreate(client.messages, {
    prepare: (body) => ({ body }),
    fromResult: (result) => messageUsage(field(result, 'model'), field(result, 'usage')),
    fromStream: messageStreamUsage,
    ...recorder(options, 'anthropic', 'messages'),
  });
  return client;
}
