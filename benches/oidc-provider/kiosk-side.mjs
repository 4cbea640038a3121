// How both Node peers of crates/gateway/benches/load.rs face the kiosks, configured as the
// gateway is: one public client (no client authentication, PKCE S256 required, loopback
// redirect URIs on any port), ES256 ID tokens carrying the identity, the gateway's lifetimes,
// signed cookies, the default in-memory adapter. Used by `server.mjs` beside this file
// (oidc-provider alone) and by `benches/fc-stack-broker/server.mjs` (the fair peer), so the
// two comparisons share one kiosk side. It imports nothing from npm: each project passes its
// own oidc-provider's `Provider` the object this returns.

import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** A fresh P-256 private key as a JWK, with its id, use and algorithm. */
export function p256Jwk(kid, use, alg) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, use, alg };
}

/**
 * oidc-provider's configuration toward the kiosks: `signingKey` signs the ID tokens,
 * `findAccount` gives the person's claims, `acrValues` (optional) the levels it may state.
 */
export function kioskSide({ signingKey, findAccount, acrValues }) {
  return {
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
    ...(acrValues ? { acrValues } : {}),
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
    findAccount,
  };
}
