import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ClientCodec } from '../core/codec.js';
import { GatewayError, toGatewayError } from '../core/errors.js';
import type { WireFormat } from '../core/wire-format.js';
import { clientCodecs } from '../formats/index.js';
import type { Logger } from '../observability/logger.js';
import { renderManagementError } from './management-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The client API a route speaks; errors on that route are rendered in this format. */
    clientFormat?: WireFormat;
  }
}

/** Fastify's own failures (body parsing, limits, routing) as coded gateway errors with a clear message. */
export function fromFastifyError(error: FastifyError, bodyLimit: number): GatewayError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(
        'payload_too_large',
        `The request body is larger than the ${Math.round(bodyLimit / 1024 / 1024)} MB limit (BODY_LIMIT_MB).`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(
        'unsupported_media_type',
        'Send the request body as JSON (Content-Type: application/json).',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('invalid_json', 'The request body is empty; a JSON object was expected.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new GatewayError('invalid_json', `The request body is not valid JSON: ${error.message}`);
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new GatewayError('invalid_json', `The request body is not valid JSON: ${error.message}`);
  }
  if (error.validation !== undefined) return new GatewayError('invalid_request', error.message);
  return toGatewayError(error);
}

export function codecForRequest(request: FastifyRequest): ClientCodec | undefined {
  const format = request.routeOptions.config?.clientFormat ?? formatForPath(request.url);
  return format === undefined ? undefined : clientCodecs[format];
}

/** For unmatched routes: guess the client's API from the path so even a 404 comes back in its format. */
function formatForPath(url: string): WireFormat | undefined {
  if (url.startsWith('/v1/messages')) return 'anthropic';
  if (url.startsWith('/v1beta/')) return 'gemini';
  if (url.startsWith('/v1/responses')) return 'openai-responses';
  if (url.startsWith('/api/chat') || url.startsWith('/v1/api/')) return 'ollama';
  // Only the OpenAI-style client paths default to the OpenAI shape; management and operational paths do not.
  if (url.startsWith('/v1/') || url.startsWith('/chat/')) return 'openai';
  return undefined;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: GatewayError): void {
  const codec = codecForRequest(request);
  if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
  void reply.code(error.status).send(codec ? codec.renderError(error) : renderManagementError(error));
}

export function createErrorHandler(logger: Logger, bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const gatewayError = error instanceof GatewayError ? error : fromFastifyError(error, bodyLimit);
    if (gatewayError.status >= 500)
      logger.error({ err: error, route: request.routeOptions.url ?? request.url.split('?', 1)[0] }, 'request failed');
    sendError(request, reply, gatewayError);
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  sendError(
    request,
    reply,
    new GatewayError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`),
  );
}
