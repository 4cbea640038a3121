// The gateway's fair peer in crates/gateway/benches/load.rs: a broker doing per sign-in what
// `guichet-gateway` does, on the libraries FC+ itself runs (france-connect/sources,
// back/package.json: oidc-provider 9.1.2, which npm no longer serves, so 9.1.3; openid-client
// 5.7.0):
//
// - toward the kiosks, `oidc-provider`: one public client, PKCE S256 required, loopback
//   redirect URIs on any port, ES256 ID tokens carrying the identity, `acr` as FC+ gave it
//   (`benches/oidc-provider/kiosk-side.mjs`, the first baseline's own kiosk side);
// - toward FC+ (the bench's sandbox), `openid-client`: a confidential client
//   (`client_secret_post`), ID token and userinfo as JWE (ECDH-ES, A256GCM) signed ES256,
//   `prompt=login consent`, `acr_values=eidas2`, state and nonce checked, the ID token's `acr`
//   checked (eidas2 or higher), userinfo's `sub` checked against the ID token's (openid-client does).
//
// Discovery and FC+'s keys are fetched once (the gateway caches them too). The kiosk's
// interaction sends the person straight to FC+ (no page of the broker's own); FC+'s callback
// ends the interaction with the login and the consent at once, as the gateway's callback
// stores the sign-in and redirects to the kiosk.
//
//   FC_ISSUER=http://127.0.0.1:PORT FC_CLIENT_ID=… FC_CLIENT_SECRET=… \
//     node benches/fc-stack-broker/server.mjs 4000      # port 0 picks a free one
//
// Prints `ready <issuer> <public JWKS of its ECDH-ES key>` once listening (the bench then
// registers it at the sandbox, redirect URI `<issuer>/fc/callback`), and nothing per request.

import { createServer } from 'node:http';

import Provider from 'oidc-provider';
import { Issuer, generators } from 'openid-client';

import { kioskSide, p256Jwk } from '../oidc-provider/kiosk-side.mjs';

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
const host = '127.0.0.1';
const { FC_ISSUER, FC_CLIENT_ID, FC_CLIENT_SECRET } = process.env;
if (!FC_ISSUER || !FC_CLIENT_ID || !FC_CLIENT_SECRET) {
  process.stderr.write('FC_ISSUER, FC_CLIENT_ID and FC_CLIENT_SECRET are required\n');
  process.exit(2);
}
// Asked of FC+; it may answer with a higher level, which is accepted (as the gateway does).
const ACR = 'eidas2';
const ACCEPTED_ACR = ['eidas2', 'eidas3'];

// The ES256 key of its ID tokens to the kiosks; the ECDH-ES key FC+ encrypts to.
const signingKey = p256Jwk('sig-broker', 'sig', 'ES256');
const encryptionKey = p256Jwk('enc-broker', 'enc', 'ECDH-ES');
const { d: _private, ...encryptionPublic } = encryptionKey;

// The identities FC+ returned, by `sub`, for oidc-provider's `findAccount`; and the sign-ins
// sent to FC+, by the state given to it (each taken once, at the callback).
const accounts = new Map();
const pending = new Map();

const fcplus = await Issuer.discover(`${FC_ISSUER}/.well-known/openid-configuration`);

const server = createServer();
server.listen(port, host, async () => {
  const issuer = `http://${host}:${server.address().port}`;
  const callback = `${issuer}/fc/callback`;
  const client = new fcplus.Client(
    {
      client_id: FC_CLIENT_ID,
      client_secret: FC_CLIENT_SECRET,
      redirect_uris: [callback],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
      id_token_encrypted_response_alg: 'ECDH-ES',
      id_token_encrypted_response_enc: 'A256GCM',
      userinfo_signed_response_alg: 'ES256',
      userinfo_encrypted_response_alg: 'ECDH-ES',
      userinfo_encrypted_response_enc: 'A256GCM',
    },
    { keys: [encryptionKey] },
  );

  const provider = new Provider(
    issuer,
    kioskSide({
      signingKey,
      acrValues: ACCEPTED_ACR,
      async findAccount(_ctx, sub) {
        const identity = accounts.get(sub);
        if (!identity) return undefined;
        return { accountId: sub, claims: async () => ({ ...identity }) };
      },
    }),
  );

  provider.use(async (ctx, next) => {
    // The kiosk's interaction: straight to FC+, with a state and a nonce of the broker's.
    const interaction = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (interaction && ctx.method === 'GET') {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== interaction[1]) ctx.throw(400, 'interaction mismatch');
      const state = generators.state();
      const nonce = generators.nonce();
      pending.set(state, { uid: details.uid, nonce });
      ctx.set('cache-control', 'no-store');
      ctx.status = 303;
      ctx.redirect(
        client.authorizationUrl({
          scope: details.params.scope,
          state,
          nonce,
          acr_values: ACR,
          prompt: 'login consent',
        }),
      );
      return undefined;
    }
    // FC+'s redirect: the code for tokens, both JWE opened and verified, then the kiosk's
    // interaction ends with this person signed in and the scopes granted. The interaction is
    // found from the state (random, taken once) rather than from oidc-provider's interaction
    // cookie, which its path keeps to `/interaction/<uid>`.
    if (ctx.path === '/fc/callback' && ctx.method === 'GET') {
      const params = client.callbackParams(ctx.req);
      const sent = pending.get(params.state);
      pending.delete(params.state);
      if (!sent) ctx.throw(400, 'unknown state');
      const interaction = await provider.Interaction.find(sent.uid);
      if (!interaction) ctx.throw(400, 'the sign-in expired');
      let identity;
      let acr;
      try {
        const tokens = await client.callback(callback, params, {
          state: params.state,
          nonce: sent.nonce,
        });
        acr = tokens.claims().acr;
        if (!ACCEPTED_ACR.includes(acr)) throw new Error(`acr ${acr}`);
        identity = await client.userinfo(tokens);
      } catch (error) {
        // Said in the answer (the bench prints the first failure), never logged.
        ctx.status = 502;
        ctx.body = `FC+: ${error.name}: ${error.message}`;
        return undefined;
      }
      accounts.set(identity.sub, identity);
      const grant = new provider.Grant({
        accountId: identity.sub,
        clientId: interaction.params.client_id,
      });
      grant.addOIDCScope(interaction.params.scope);
      interaction.result = {
        login: { accountId: identity.sub, acr },
        consent: { grantId: await grant.save() },
      };
      await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
      ctx.set('cache-control', 'no-store');
      ctx.status = 303;
      ctx.redirect(interaction.returnTo);
      return undefined;
    }
    return next();
  });

  server.on('request', provider.callback());
  process.stdout.write(`ready ${issuer} ${JSON.stringify({ keys: [encryptionPublic] })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
