// A real OpenID Connect provider (the npm package oidc-provider) on loopback, for the browser tests of the
// Entra sign-in. Everything comes from the environment, which the test fixture sets:
//   PORT, TLS_CERT_FILE, TLS_KEY_FILE: where to listen (https on 127.0.0.1) and with which certificate
//   TENANT_ID: the provider answers as an Entra tenant does, with the issuer https://127.0.0.1:PORT/TENANT_ID/v2.0
//   CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS, POST_LOGOUT_REDIRECT_URIS (space-separated): the one confidential client
//   USERS: JSON array of { login, password, oid, name, roles }
// It prints "listening on <issuer>" once it accepts requests.
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const port = Number(env('PORT'));
const tenant = env('TENANT_ID');
// Entra's issuer names the tenant in its path, and so does this one, so that the app treats it as Entra.
const issuer = `https://127.0.0.1:${port}/${tenant}/v2.0`;
const users = new Map(JSON.parse(env('USERS')).map((user) => [user.login, user]));
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [{
    client_id: env('CLIENT_ID'),
    client_secret: env('CLIENT_SECRET'),
    redirect_uris: env('REDIRECT_URIS').split(' '),
    post_logout_redirect_uris: env('POST_LOGOUT_REDIRECT_URIS').split(' '),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  // Entra puts oid, name and the app roles into the ID token; so does this provider.
  claims: { openid: ['sub', 'oid', 'tid', 'roles'], profile: ['name', 'preferred_username'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // The console is a first-party app: its users are not asked to consent.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  findAccount: (ctx, id) => {
    const user = [...users.values()].find((u) => u.login === id);
    if (!user) return undefined;
    return {
      accountId: user.login,
      claims: () => ({ sub: user.login, oid: user.oid, tid: tenant, name: user.name, preferred_username: `${user.login}@example.test`, roles: user.roles }),
    };
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><title>Provider error</title><h1>Provider error</h1><p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`;
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sameText = (a, b) => {
  const left = Buffer.from(String(a ?? ''));
  const right = Buffer.from(String(b ?? ''));
  return left.length === right.length && timingSafeEqual(left, right);
};

const loginPage = (uid, error) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to the test provider</title></head>
<body>
  <h1>Sign in</h1>
  ${error ? `<p role="alert">${escape(error)}</p>` : ''}
  <form method="post" action="/interaction/${escape(uid)}">
    <label for="login">User name</label> <input id="login" name="login" required autocomplete="username">
    <label for="password">Password</label> <input id="password" name="password" type="password" required autocomplete="current-password">
    <button type="submit">Sign in</button>
  </form>
</body></html>`;

const readForm = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

// The login form: checks the password, then lets oidc-provider finish the authorization.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid);
    return undefined;
  }
  const form = await readForm(ctx.req);
  const user = users.get(form.get('login'));
  if (!user || !sameText(form.get('password'), user.password)) {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid, 'Unknown user name or wrong password.');
    return undefined;
  }
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: user.login } }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
  return undefined;
});

// Requests under a tenant's path (/{tenant}/v2.0/..., the issuer's own or Entra's /common/v2.0) reach the provider
// without it; the provider's own pages (the login form) live at the root.
const callback = provider.callback();
const server = createServer({ cert: readFileSync(env('TLS_CERT_FILE')), key: readFileSync(env('TLS_KEY_FILE')) }, (req, res) => {
  req.url = req.url.replace(/^\/[^/]+\/v2\.0(?=\/)/, '');
  return callback(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The fixture closes stdin when it is done; a fixture that died does the same, so no provider outlives its tests.
process.stdin.on('end', stop);
process.stdin.resume();
