/**
 * The store's schema, one entry per version. A database records the version it is at in
 * `PRAGMA user_version`; opening it applies every later migration in one transaction.
 * Never edit a shipped migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: pools, clients, users, codes, outbox, sessions (one per sign-in: refresh token + origin_jti)
  `
  CREATE TABLE pools (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    config      TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    kid         TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE TABLE clients (
    id         TEXT PRIMARY KEY,
    pool_id    TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    config     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX clients_by_pool ON clients(pool_id);
  CREATE TABLE users (
    pool_id       TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL,
    sub           TEXT NOT NULL,
    email_key     TEXT,
    phone_key     TEXT,
    status        TEXT NOT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT,
    attributes    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (pool_id, username)
  );
  CREATE UNIQUE INDEX users_by_key ON users(pool_id, username_key);
  CREATE UNIQUE INDEX users_by_sub ON users(pool_id, sub);
  CREATE INDEX users_by_email ON users(pool_id, email_key);
  CREATE INDEX users_by_phone ON users(pool_id, phone_key);
  CREATE TABLE codes (
    pool_id    TEXT NOT NULL,
    username   TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    code       TEXT NOT NULL,
    attribute  TEXT,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (pool_id, username, purpose)
  );
  CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    pool_id    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    subject    TEXT,
    body       TEXT NOT NULL,
    code       TEXT,
    sent_at    INTEGER NOT NULL
  );
  CREATE INDEX messages_by_recipient ON messages(recipient);
  CREATE TABLE sessions (
    origin_jti    TEXT PRIMARY KEY,
    refresh_hash  TEXT NOT NULL UNIQUE,
    pool_id       TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    username      TEXT NOT NULL,
    auth_time     INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked       INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX sessions_by_user ON sessions(pool_id, username);
  `,
  // 2: attribute values a user asked for that wait for verification (UserAttributeUpdateSettings)
  `
  ALTER TABLE users ADD COLUMN pending TEXT;
  `,
  // 3: groups and who belongs to them
  `
  CREATE TABLE groups (
    pool_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    role_arn    TEXT,
    precedence  INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (pool_id, name)
  );
  CREATE TABLE memberships (
    pool_id    TEXT NOT NULL,
    group_name TEXT NOT NULL,
    username   TEXT NOT NULL,
    PRIMARY KEY (pool_id, group_name, username)
  );
  CREATE INDEX memberships_by_user ON memberships(pool_id, username);
  `,
  // 4: sign-in names are unique. `email_signin` / `phone_signin` hold the (case-folded where the pool
  // ignores case) email / phone number of a user when it signs in with it: always where it is a
  // username attribute, once verified where it is an alias. A database written before this version
  // may hold twins: the earliest-created user (then the first inserted) keeps the sign-in name, the
  // others keep the attribute but no longer sign in with it (by their user name or sub they still
  // do), so that the unique indexes can be built and the file still opens.
  `
  ALTER TABLE users ADD COLUMN email_signin TEXT;
  ALTER TABLE users ADD COLUMN phone_signin TEXT;
  UPDATE users SET email_signin = email_key
   WHERE email_key IS NOT NULL AND EXISTS (
     SELECT 1 FROM pools p WHERE p.id = users.pool_id AND (
       EXISTS (SELECT 1 FROM json_each(p.config, '$.UsernameAttributes') WHERE value = 'email')
       OR (EXISTS (SELECT 1 FROM json_each(p.config, '$.AliasAttributes') WHERE value = 'email')
           AND json_extract(users.attributes, '$.email_verified') = 'true')));
  UPDATE users SET phone_signin = phone_key
   WHERE phone_key IS NOT NULL AND EXISTS (
     SELECT 1 FROM pools p WHERE p.id = users.pool_id AND (
       EXISTS (SELECT 1 FROM json_each(p.config, '$.UsernameAttributes') WHERE value = 'phone_number')
       OR (EXISTS (SELECT 1 FROM json_each(p.config, '$.AliasAttributes') WHERE value = 'phone_number')
           AND json_extract(users.attributes, '$.phone_number_verified') = 'true')));
  UPDATE users SET email_signin = NULL
   WHERE email_signin IS NOT NULL AND EXISTS (
     SELECT 1 FROM users o WHERE o.pool_id = users.pool_id AND o.email_signin = users.email_signin
       AND (o.created_at < users.created_at OR (o.created_at = users.created_at AND o.rowid < users.rowid)));
  UPDATE users SET phone_signin = NULL
   WHERE phone_signin IS NOT NULL AND EXISTS (
     SELECT 1 FROM users o WHERE o.pool_id = users.pool_id AND o.phone_signin = users.phone_signin
       AND (o.created_at < users.created_at OR (o.created_at = users.created_at AND o.rowid < users.rowid)));
  CREATE UNIQUE INDEX users_by_email_signin ON users(pool_id, email_signin);
  CREATE UNIQUE INDEX users_by_phone_signin ON users(pool_id, phone_signin);
  `,
  // 5: the SRP verifier of the password (`srp$<salt hex>$<v hex>`) beside its scrypt hash; users stored
  // before it have none until their next successful password sign-in.
  `
  ALTER TABLE users ADD COLUMN srp_verifier TEXT;
  `,
  // 6: refresh tokens apart from their sessions, so that a session can hold several (refresh-token
  // rotation: each GetTokensFromRefreshToken of a rotating client adds one and retires the one it
  // was given; a retired token is still good until `retired_until`, the client's grace period).
  // `sessions.refresh_hash` keeps the sign-in's first token, which every session already has here.
  `
  CREATE TABLE refresh_tokens (
    hash          TEXT PRIMARY KEY,
    origin_jti    TEXT NOT NULL REFERENCES sessions(origin_jti) ON DELETE CASCADE,
    retired_until INTEGER
  );
  CREATE INDEX refresh_tokens_by_session ON refresh_tokens(origin_jti);
  INSERT INTO refresh_tokens (hash, origin_jti) SELECT refresh_hash, origin_jti FROM sessions;
  `,
  // 7: users' devices (device tracking). A sign-in issues a device key (NewDeviceMetadata): the row
  // is created then, not yet confirmed; ConfirmDevice stores its SRP verifier (`srp$<salt>$<v>`, as
  // users' are) and whether it is remembered: a confirmed device has both, a pending one neither.
  // A session remembers the device its tokens were issued to (their `device_key` claim).
  `
  CREATE TABLE devices (
    pool_id          TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    device_key       TEXT NOT NULL,
    username         TEXT NOT NULL,
    group_key        TEXT NOT NULL,
    name             TEXT,
    verifier         TEXT,
    remembered       TEXT CHECK (remembered IN ('remembered', 'not_remembered')),
    last_ip          TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    authenticated_at INTEGER NOT NULL,
    PRIMARY KEY (pool_id, device_key),
    CHECK ((verifier IS NULL) = (remembered IS NULL))
  );
  CREATE INDEX devices_by_user ON devices(pool_id, username, device_key);
  ALTER TABLE sessions ADD COLUMN device_key TEXT;
  `,
  // 8: multi-factor authentication and lockout. `user_mfa` holds a user's authenticator-app secret
  // (`totp_secret` once verified, `totp_pending` between AssociateSoftwareToken and its verification),
  // the last 30-second step a code was accepted for (a code is good once), the factors the user
  // turned on and the one preferred. `failed_sign_ins` counts consecutive wrong passwords;
  // `locked_until` ends the lockout they caused.
  `
  CREATE TABLE user_mfa (
    pool_id        TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    username       TEXT NOT NULL,
    totp_secret    TEXT,
    totp_pending   TEXT,
    totp_name      TEXT,
    totp_last_step INTEGER,
    totp_enabled   INTEGER NOT NULL DEFAULT 0,
    sms_enabled    INTEGER NOT NULL DEFAULT 0,
    email_enabled  INTEGER NOT NULL DEFAULT 0,
    preferred      TEXT CHECK (preferred IN ('SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP')),
    PRIMARY KEY (pool_id, username)
  );
  ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until INTEGER;
  `,
  // 9: passkeys. `webauthn_credentials` holds each user's registered passkeys: the credential id
  // (base64url, unique in its pool), the COSE public key, the signature counter (never goes back),
  // the transports (JSON list), attachment, AAGUID, name, relying party and creation time.
  // `webauthn_registrations` holds the one StartWebAuthnRegistration challenge a user may have
  // pending (with the client that asked and when it expires), taken once by its completion. Both
  // belong to their user: deleting the user (or the pool, which deletes its users) deletes them.
  `
  CREATE TABLE webauthn_credentials (
    pool_id       TEXT NOT NULL,
    credential_id TEXT NOT NULL,
    username      TEXT NOT NULL,
    public_key    BLOB NOT NULL,
    counter       INTEGER NOT NULL,
    transports    TEXT NOT NULL,
    attachment    TEXT,
    aaguid        TEXT NOT NULL,
    name          TEXT NOT NULL,
    relying_party TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (pool_id, credential_id),
    FOREIGN KEY (pool_id, username) REFERENCES users(pool_id, username) ON DELETE CASCADE
  );
  CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials(pool_id, username, credential_id);
  CREATE TABLE webauthn_registrations (
    pool_id    TEXT NOT NULL,
    username   TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    challenge  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (pool_id, username),
    FOREIGN KEY (pool_id, username) REFERENCES users(pool_id, username) ON DELETE CASCADE
  );
  `,
  // 10: OAuth control plane. `domains` holds each pool's domains (a prefix domain, a custom domain: at
  // most one of each per pool), a domain name being unique across the emulator as it is across AWS.
  // `resource_servers` holds a pool's resource servers (identifier unique in its pool; scopes as a JSON
  // list). `client_secrets` holds app clients' secrets (up to two current ones, for rotation), each with
  // its id (`<client id>--<creation epoch ms>`) and creation time; the secret every client written
  // before this version kept in its config JSON moves here.
  `
  CREATE TABLE domains (
    domain                TEXT PRIMARY KEY,
    pool_id               TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL CHECK (kind IN ('prefix', 'custom')),
    certificate_arn       TEXT,
    security_policy       TEXT,
    managed_login_version INTEGER NOT NULL,
    created_at            INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX domains_one_per_kind ON domains(pool_id, kind);
  CREATE TABLE resource_servers (
    pool_id    TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    identifier TEXT NOT NULL,
    name       TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (pool_id, identifier)
  );
  CREATE TABLE client_secrets (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    secret     TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX client_secrets_by_client ON client_secrets(client_id, created_at);
  INSERT INTO client_secrets (id, client_id, secret, created_at)
    SELECT id || '--' || created_at, id, json_extract(config, '$.secret'), created_at
      FROM clients WHERE json_extract(config, '$.secret') IS NOT NULL;
  UPDATE clients SET config = json_remove(config, '$.secret') WHERE json_extract(config, '$.secret') IS NOT NULL;
  `,
  // 11: the scopes a session begun at the authorization endpoint was granted (space-separated; null
  // for a sign-in through the API): its refreshed access tokens keep them, across restarts too.
  `
  ALTER TABLE sessions ADD COLUMN scope TEXT;
  `,
];
