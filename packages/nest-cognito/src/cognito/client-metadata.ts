/**
 * `{ ClientMetadata }` for a request when there is any; an empty map is left out, as Cognito leaves
 * it out of trigger events.
 */
export function clientMetadataField(clientMetadata: Record<string, string> | undefined): {
  ClientMetadata?: Record<string, string>;
} {
  return clientMetadata && Object.keys(clientMetadata).length > 0 ? { ClientMetadata: clientMetadata } : {};
}
