import type { Usage } from '../core/canonical.js';
import type { ClientCodec } from '../core/codec.js';
import type { ModelType } from '../providers/catalog/types.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';

/** What every parsed media request has: the model string the client asked for (alias, combo, provider/model, id). */
export interface MediaRequest {
  model: string;
}

/** One upstream call: the account chosen by routing and the model as resolved for that account's provider. */
export interface MediaAttempt {
  /** Provider, upstream model id, catalog entry and wire format of the target being tried. */
  resolved: ResolvedModel;
  connection: ConnectionRecord;
  upstream: UpstreamClient;
  /** Fires when the client goes away: pass it to every upstream call (and any polling). */
  signal: AbortSignal;
}

/** The answer in the client's own format; an object is sent as JSON, a string as is with its `contentType`. */
export interface MediaAnswer {
  body: unknown;
  contentType?: string;
  /** What the call used: tokens, images, audio seconds. Drives the log row, the cost and budgets. */
  usage?: Usage;
}

export type MediaAdapter<Request extends MediaRequest> = (
  request: Request,
  attempt: MediaAttempt,
) => Promise<MediaAnswer>;

/**
 * One non-chat endpoint (embeddings, images, transcription), as `handleMedia` runs it. See handle-media.ts for how
 * an operation plugs in.
 */
export interface MediaOperation<Request extends MediaRequest> {
  /** Named in errors ("…does not serve embedding requests"). */
  kind: 'embedding' | 'image' | 'transcription';
  /** Catalog models of another type are refused with a 400; models the catalog does not know are tried. */
  modelType: ModelType;
  /** The client's API: errors are rendered in its shape, and it is the log row's client format. */
  codec: ClientCodec;
  /** Validates the client's body (throw a GatewayError `invalid_request` naming the field). */
  parse(body: unknown): Request;
  /** The upstream adapter for a target (by its wire format, or model), or undefined when none can serve it. */
  adapterFor(resolved: ResolvedModel): MediaAdapter<Request> | undefined;
  /** Usage reserved against budgets and token limits before the call. */
  estimate(request: Request): Usage;
}
