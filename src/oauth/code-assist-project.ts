import type { UpstreamClient } from '../upstream/upstream-client.js';
import { record, text } from './map-token-answer.js';

/**
 * Code Assist needs a Google Cloud project per call. The Gemini CLI asks `loadCodeAssist` which one the account
 * uses (free tier accounts get a managed one). Best effort: without an answer the user can give `projectId`.
 */
export async function discoverCodeAssistProject(
  client: UpstreamClient,
  input: { baseUrl: string; accessToken: string },
): Promise<string | undefined> {
  try {
    const response = await client.send({
      url: `${input.baseUrl.replace(/\/+$/, '')}/v1internal:loadCodeAssist`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${input.accessToken}` },
      body: JSON.stringify({
        metadata: { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' },
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const body: unknown = JSON.parse(await response.body.text());
    if (response.status !== 200) return undefined;
    const answer = record(body);
    return text(answer.cloudaicompanionProject) ?? text(record(answer.cloudaicompanionProject).id);
  } catch {
    return undefined;
  }
}
