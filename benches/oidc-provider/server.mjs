// The baseline of crates/gateway/benches/load.rs: the npm `oidc-provider` (the library FC+
// runs on), configured like the gateway is to kiosks: ES256 ID tokens, the authorization code
// flow only, one public client (no client authentication, PKCE S256 required, loopback
// redirect URIs on any port) and the default in-memory adapter (`kiosk-side.mjs`, shared with
// the fair peer `benches/fc-stack-broker`).
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

import { createServer } from 'node:http';

import Provider from 'oidc-provider';

import { kioskSide, p256Jwk } from './kiosk-side.mjs';

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
const host = '127.0.0.1';

// The ES256 signing key, generated at each start.
const signingKey = p256Jwk('sig-bench', 'sig', 'ES256');

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
  const provider = new Provider(
    issuer,
    kioskSide({
      signingKey,
      async findAccount(_ctx, sub) {
        if (sub !== ACCOUNT.sub) return undefined;
        return { accountId: sub, claims: async () => ({ ...ACCOUNT }) };
      },
    }),
  );

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
