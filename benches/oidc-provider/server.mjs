// The baseline of crates/gateway/benches/load.rs: the npm `oidc-provider` (the library FC+
// runs on), configured like the gateway is to kiosks: ES256 ID tokens, the authorization code
// flow only, one public client (no client authentication, PKCE S256 required, loopback
// redirect URIs on any port) and the default in-memory adapter.
//
//   npm --prefix benches/oidc-provider install
//   node benches/oidc-provider/server.mjs 4000      # or PORT=4000; port 0 picks a free one
//
// Prints `ready <issuer>` on stdout once listening, and nothing per request.
//
// Interactions: two minimal pages, as a person clicks through them: a sign-in page whose one
// button (`id="login-button"`) signs in a fixed account, then a consent page whose one
// button (`id="consent-button"`) grants what the client asked. Each is a form POST to a route
// of this file, which ends the interaction with `provider.interactionResult` as the
// library's documented custom interactions do (devInteractions is off: it renders debug
// dumps and asks for a login and password, which is not what the gateway's person does).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
const host = '127.0.0.1';

// The ES256 signing key, generated at each start.
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'sig-bench',
  use: 'sig',
  alg: 'ES256',
};

// One person, always the same (the gateway's bench signs in the sandbox's "marie").
const ACCOUNT = {
  sub: 'marie-bench',
  given_name: 'Marie',
  family_name: 'Dupont',
  birthdate: '1980-06-24',
};

const server = createServer();
server.listen(port, host, () => {
  const issuer = `http://${host}:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'kiosk-bench',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // A native client's loopback redirect URI matches on any port (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [signingKey] },
    responseTypes: ['code'],
    // PKCE is required for clients without authentication (the default), S256 only.
    pkce: { required: () => true },
    // FC+-style scopes, one per claim; the claims go into the ID token as the gateway's do.
    scopes: ['openid'],
    claims: {
      openid: ['sub'],
      given_name: ['given_name'],
      family_name: ['family_name'],
      birthdate: ['birthdate'],
    },
    conformIdTokenClaims: false,
    // Lifetimes as the gateway's (code 30 s, tokens 60 s, a pending sign-in 10 min).
    ttl: {
      AuthorizationCode: 30,
      AccessToken: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
    },
    async findAccount(_ctx, sub) {
      if (sub !== ACCOUNT.sub) return undefined;
      return { accountId: sub, claims: async () => ({ ...ACCOUNT }) };
    },
  });

  // The two interaction pages and their two buttons.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/consent)?$/.exec(ctx.path);
    if (!match) return next();
    const [, uid, action] = match;
    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (error) {
      // Said in the answer (not logged), e.g. "SessionNotFound: interaction session not found".
      ctx.throw(400, `${error.name}: ${error.error_description ?? error.message}`);
    }
    if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
    ctx.set('cache-control', 'no-store');
    if (ctx.method === 'GET' && !action) {
      const [id, label, to] = details.prompt.name === 'login'
        ? ['login-button', 'Sign in as Marie', 'login']
        : ['consent-button', 'Continue to the kiosk', 'consent'];
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>${label}</title>`
        + `<form method="post" action="/interaction/${uid}/${to}">`
        + `<button type="submit" id="${id}">${label}</button></form>`;
      return undefined;
    }
    if (ctx.method !== 'POST' || !action) ctx.throw(405);
    let result;
    if (action === '/login') {
      if (details.prompt.name !== 'login') ctx.throw(400, 'not at the login prompt');
      result = { login: { accountId: ACCOUNT.sub } };
    } else {
      if (details.prompt.name !== 'consent') ctx.throw(400, 'not at the consent prompt');
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({
          accountId: details.session.accountId,
          clientId: details.params.client_id,
        });
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      result = { consent: { grantId: await grant.save() } };
    }
    const to = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: action !== '/login',
    });
    ctx.status = 303;
    ctx.redirect(to);
    return undefined;
  });

  server.on('request', provider.callback());
  process.stdout.write(`ready ${issuer}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
