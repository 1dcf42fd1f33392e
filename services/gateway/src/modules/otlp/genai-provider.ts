/**
 * Provider names as the current GenAI conventions spell them (`gen_ai.provider.name`), from what instrumentations
 * really send: the older `gen_ai.system` values, their capitalised forms (OpenLLMetry's "Anthropic", "AWS") and the
 * Vercel AI SDK's "<provider>.<api>" ids.
 */
const ALIASES: Record<string, string> = {
  anthropic: 'anthropic',
  openai: 'openai',
  aws: 'aws.bedrock',
  bedrock: 'aws.bedrock',
  'amazon-bedrock': 'aws.bedrock',
  'aws.bedrock': 'aws.bedrock',
  'az.ai.openai': 'azure.ai.openai',
  azure: 'azure.ai.openai',
  azureopenai: 'azure.ai.openai',
  'azure-openai': 'azure.ai.openai',
  'azure.ai.openai': 'azure.ai.openai',
  'az.ai.inference': 'azure.ai.inference',
  'azure.ai.inference': 'azure.ai.inference',
  vertex_ai: 'gcp.vertex_ai',
  vertexai: 'gcp.vertex_ai',
  'google.vertex': 'gcp.vertex_ai',
  'gcp.vertex_ai': 'gcp.vertex_ai',
  gemini: 'gcp.gemini',
  google: 'gcp.gemini',
  'google.generative-ai': 'gcp.gemini',
  'gcp.gemini': 'gcp.gemini',
  'gcp.gen_ai': 'gcp.gen_ai',
  mistralai: 'mistral_ai',
  mistral: 'mistral_ai',
  mistral_ai: 'mistral_ai',
  cohere: 'cohere',
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x_ai',
  x_ai: 'x_ai',
  perplexity: 'perplexity',
  watsonx: 'ibm.watsonx.ai',
  'ibm.watsonx.ai': 'ibm.watsonx.ai',
};

export function normalizeProvider(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.trim().toLowerCase();
  if (ALIASES[name]) return ALIASES[name];
  // Vercel AI SDK ids name the API after the provider: "anthropic.messages", "openai.chat", "google.vertex.chat".
  const parts = name.split('.');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const prefix = ALIASES[parts.slice(0, length).join('.')];
    if (prefix) return prefix;
  }
  return name;
}
