const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text that could not be stored exactly as sent: PostgreSQL text and jsonb cannot hold U+0000, and a lone surrogate
 * has no UTF-8 form (it would be stored as U+FFFD).
 */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode: a lone surrogate (such as \\ud800) has no UTF-8 form';
  return undefined;
}
