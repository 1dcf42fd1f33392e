import { meterCreate, type ApiMethod } from './metered-create';
import { chatCompletionStreamUsage, chatCompletionUsage, isUsageOnlyChunk, responseStreamUsage, responseUsage } from './openai-usage';
import { field } from './model-usage';
import { recorder, type WrapOptions } from './wrap-options';

/** The parts of an `openai` client that are metered (any version with these resources). */
export interface OpenAILike {
  chat: { completions: { create: ApiMethod } };
  responses?: { create: ApiMethod };
}

/**
 * Meters every `chat.completions.create` and `responses.create` of this client (the SDK's `stream()` and `parse()`
 * helpers go through them too): one trace per call with its model, token buckets and `tags`, no content. Streamed
 * chat completions are asked for usage (`stream_options.include_usage`); when the caller did not ask for it, the extra
 * usage-only chunk is kept from them, so their loop sees the stream it asked for. The client is changed in place and
 * returned.
 */
export function wrapOpenAI<T extends OpenAILike>(client: T, options: WrapOptions): T {
  const chat = recorder(options, 'openai', 'chat.completions');
  meterCreate(client.chat.completions, {
    prepare: (body) => {
      const streamOptions = field(body, 'stream_options') as Record<string, unknown> | undefined;
      if (body.stream !== true || streamOptions?.include_usage === true) return { body };
      return { body: { ...body, stream_options: { ...streamOptions, include_usage: true } }, hide: isUsageOnlyChunk };
    },
    fromResult: (result) => chatCompletionUsage(field(result, 'model'), field(result, 'usage')),
    fromStream: chatCompletionStreamUsage,
    ...chat,
  });
  if (client.responses) {
    meterCreate(client.responses, {
      prepare: (body) => ({ body }),
      fromResult: (result) => responseUsage(field(result, 'model'), field(result, 'usage')),
      fromStream: responseStreamUsage,
      ...recorder(options, 'openai', 'responses'),
    });
  }
  return client;
}
