// A mock OAuth server plus the subscription upstreams that need more than the mock upstream offers. Plain
// node:http, no network. Endpoints:
//   GET  /authorize                      PKCE authorize: answers 302 to redirect_uri?code&state (auto-approves)
//   POST /token                          authorization_code (PKCE checked), refresh_token (ROTATING: each refresh
//                                        token works once), device_code (pending until approveDevice)
//   POST /device/code                    device authorization (optional PKCE challenge, as Qwen sends)
//   GET  /copilot_internal/v2/token      GitHub token → short-lived Copilot token
//   POST /backend-api/codex/responses    Codex: Responses API that ONLY streams (400 unless stream: true)
//   POST /v1internal:{generateContent,streamGenerateContent,loadCodeAssist}   Gemini Code Assist envelope
// Upstream endpoints accept only live access tokens this server issued (401 otherwise).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { codeAssistRoute, codexRoute, sendJson } from './subscription-upstreams.mjs';

const b64url = (value) => Buffer.from(value).toString('base64url');
const random = (prefix) => `${prefix}${randomBytes(12).toString('hex')}`;

/** An unsigned JWT carrying the claims the gateway reads (email, ChatGPT account id). */
function idToken(email, accountId) {
  const claims = { email, 'https://api.openai.com/auth': { chatgpt_account_id: accountId } };
  return `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(claims))}.sig`;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) return text === '' ? {} : JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startMockOAuth(options = {}) {
  const state = {
    accessTtlSec: options.accessTokenTtlSec ?? 3600,
    copilotApiUrl: options.copilotApiUrl,
    resourceUrl: options.resourceUrl,
    codes: new Map(), // code → {challenge, redirectUri, email}
    refreshTokens: new Map(), // refresh token → email (deleted on use: rotation)
    accessTokens: new Map(), // access token → {email, expiresAt}
    devices: new Map(), // device code → {userCode, approved, challenge, email}
    quotaFault: undefined,
    failRefresh: false,
  };
  const stats = { tokenCalls: 0, refreshCalls: 0, refreshReuse: 0, copilotCalls: 0, upstreamCalls: 0, unauthorized: 0 };
  const requests = [];

  const issue = (email, ttlSec = state.accessTtlSec) => {
    const accessToken = random('at_');
    const refreshToken = random('rt_');
    state.accessTokens.set(accessToken, { email, expiresAt: Date.now() + ttlSec * 1000 });
    state.refreshTokens.set(refreshToken, email);
    const accountId = `acct-${email}`;
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken(email, accountId),
      token_type: 'Bearer',
      expires_in: ttlSec,
      account: { uuid: accountId, email_address: email },
      ...(state.resourceUrl === undefined ? {} : { resource_url: state.resourceUrl }),
    };
  };
  const live = (req) => {
    const token = (req.headers.authorization ?? '').replace(/^(Bearer|token) /i, '');
    const entry = state.accessTokens.get(token);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry : undefined;
  };
  const json = sendJson;
  const oauthError = (res, error, status = 400) => json(res, status, { error, error_description: error });

  async function handle(req, res) {
    const url = new URL(req.url, 'http://mock');
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    requests.push({ method: req.method, path: url.pathname, headers: req.headers, body });
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /authorize') {
      const q = url.searchParams;
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return oauthError(res, 'invalid_request');
      const code = random('code_');
      state.codes.set(code, {
        challenge: q.get('code_challenge'),
        redirectUri: q.get('redirect_uri'),
        email: q.get('login_hint') ?? 'user@example.com',
      });
      const target = new URL(q.get('redirect_uri'));
      target.searchParams.set('code', code);
      target.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (route === 'POST /token') {
      stats.tokenCalls += 1;
      if (body.grant_type === 'authorization_code') {
        const entry = state.codes.get(body.code);
        state.codes.delete(body.code);
        if (entry === undefined || entry.redirectUri !== body.redirect_uri) return oauthError(res, 'invalid_grant');
        const challenge = createHash('sha256')
          .update(body.code_verifier ?? '')
          .digest('base64url');
        if (challenge !== entry.challenge) return oauthError(res, 'invalid_grant');
        return json(res, 200, issue(entry.email));
      }
      if (body.grant_type === 'refresh_token') {
        stats.refreshCalls += 1;
        const email = state.refreshTokens.get(body.refresh_token);
        if (state.failRefresh) return oauthError(res, 'invalid_grant');
        if (email === undefined) {
          stats.refreshReuse += 1;
          return oauthError(res, 'invalid_grant');
        }
        state.refreshTokens.delete(body.refresh_token);
        return json(res, 200, issue(email));
      }
      if (body.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') {
        const device = state.devices.get(body.device_code);
        if (device === undefined) return oauthError(res, 'expired_token');
        if (!device.approved) return oauthError(res, 'authorization_pending');
        if (device.challenge !== undefined) {
          const challenge = createHash('sha256')
            .update(body.code_verifier ?? '')
            .digest('base64url');
          if (challenge !== device.challenge) return oauthError(res, 'invalid_grant');
        }
        state.devices.delete(body.device_code);
        return json(res, 200, issue(device.email));
      }
      return oauthError(res, 'unsupported_grant_type');
    }
    if (route === 'POST /device/code') {
      const deviceCode = random('dc_');
      const userCode = randomBytes(3).toString('hex').toUpperCase();
      state.devices.set(deviceCode, {
        userCode,
        approved: false,
        challenge: body.code_challenge,
        email: 'device@example.com',
      });
      return json(res, 200, {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: `${server.url}/device`,
        expires_in: 600,
        interval: 1,
      });
    }
    if (route === 'GET /copilot_internal/v2/token') {
      stats.copilotCalls += 1;
      const github = live(req);
      if (github === undefined) return json(res, 401, { message: 'Bad credentials' });
      const token = random('cop_');
      const ttl = options.copilotTokenTtlSec ?? 1800;
      state.accessTokens.set(token, { email: github.email, expiresAt: Date.now() + ttl * 1000 });
      return json(res, 200, {
        token,
        expires_at: Math.floor(Date.now() / 1000) + ttl,
        refresh_in: ttl - 300,
        ...(state.copilotApiUrl === undefined ? {} : { endpoints: { api: state.copilotApiUrl } }),
      });
    }
    if (route === 'POST /backend-api/codex/responses' || url.pathname.startsWith('/v1internal:')) {
      if (!authorizeUpstream(req, res)) return;
      const fault = url.pathname === '/v1internal:loadCodeAssist' ? undefined : state.quotaFault;
      if (fault !== undefined) state.quotaFault = undefined;
      if (url.pathname.startsWith('/v1internal:')) return codeAssistRoute(res, body, url, fault);
      return codexRoute(res, body, fault);
    }
    json(res, 404, { error: 'not_found' });
  }

  function authorizeUpstream(req, res) {
    stats.upstreamCalls += 1;
    if (live(req) !== undefined) return true;
    stats.unauthorized += 1;
    json(res, 401, { error: { message: 'invalid or expired token', type: 'invalid_request_error' } });
    return false;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => json(res, 500, { error: String(error) }));
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${server.address().port}`;
  return {
    url: server.url,
    stats,
    requests,
    /** Issues tokens as if the user signed in (for import tests). */
    issueTokens: (email = 'user@example.com', ttlSec) => issue(email, ttlSec),
    approveDevice(userCode) {
      for (const device of state.devices.values())
        if (userCode === undefined || device.userCode === userCode) device.approved = true;
    },
    /** Every access token issued so far stops working (the upstream answers 401); refresh tokens stay valid. */
    revokeAccessTokens: () => state.accessTokens.clear(),
    /** Every refresh (also of valid tokens) answers invalid_grant from now on. */
    failRefreshes: (fail = true) => {
      state.failRefresh = fail;
    },
    /** The next Codex or Code Assist call answers its quota-exhausted error, resetting in `seconds`. */
    exhaustQuota: (seconds) => {
      state.quotaFault = seconds;
    },
    env(prefix) {
      return {
        [`${prefix}_OAUTH_AUTHORIZE_URL`]: `${server.url}/authorize`,
        [`${prefix}_OAUTH_TOKEN_URL`]: `${server.url}/token`,
        [`${prefix}_OAUTH_DEVICE_CODE_URL`]: `${server.url}/device/code`,
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
