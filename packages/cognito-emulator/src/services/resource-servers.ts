import { resourceNotFound } from '../errors.js';
import type { Rule } from '../validation.js';
import type { ResourceServer } from './model.js';

/** `Identifier` as the API model constrains it (an API name or URL: printable ASCII but `"` and `\`). */
export const RESOURCE_SERVER_IDENTIFIER: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 256,
  pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/,
};

export const RESOURCE_SERVER_NAME: Rule = {
  type: 'string',
  required: true,
  min: 1,
  max: 256,
  pattern: /^[\w\s+=,.@-]+$/,
};

/** `Scopes`: at most 100, a name without `/` (it joins identifier and name), and a description. */
export const RESOURCE_SERVER_SCOPES: Rule = {
  type: 'list',
  max: 100,
  item: {
    type: 'structure',
    members: {
      ScopeName: {
        type: 'string',
        required: true,
        min: 1,
        max: 256,
        pattern: /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/,
      },
      ScopeDescription: { type: 'string', required: true, min: 1, max: 256 },
    },
  },
};

/** A resource server as the API returns it (`ResourceServerType`). */
export const describeResourceServer = (server: ResourceServer) => ({
  UserPoolId: server.poolId,
  Identifier: server.identifier,
  Name: server.name,
  Scopes: server.scopes.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription })),
});

export const resourceServerNotFound = (identifier: string) =>
  resourceNotFound(`Resource server ${identifier} does not exist.`);

/** The custom scopes a resource server defines, as clients ask for them: `identifier/scope`. */
export const scopesOf = (server: ResourceServer): string[] =>
  server.scopes.map((s) => `${server.identifier}/${s.ScopeName}`);
