/** One Cognito call as a client library made it: the operation, the JSON sent and answered. */
export interface CognitoCall {
  target: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

export interface RequestLog {
  /** The calls made since the last `take()`, oldest first; the log starts empty again. */
  take(): CognitoCall[];
  /** Puts the original `fetch` back. */
  stop(): void;
}

const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** The header, whatever shape a library passes its headers in. */
const headerOf = (headers: HeadersInit | undefined, name: string) => new Headers(headers).get(name);

const parsed = (text: string): Record<string, unknown> =>
  text ? (JSON.parse(text) as Record<string, unknown>) : {};

/**
 * Watches the calls that Amplify and amazon-cognito-identity-js send to the emulator: both call the
 * global `fetch` at request time, so a wrapper sees every request and a copy of every answer
 * without changing either. The flow a library chose is then a fact of the test, not a guess.
 */
export function recordCognitoCalls(endpoint: string): RequestLog {
  const original = globalThis.fetch;
  let calls: CognitoCall[] = [];
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const target = headerOf(init?.headers, 'x-amz-target');
    if (urlOf(input).startsWith(endpoint) && target && typeof init?.body === 'string') {
      calls.push({
        target: target.replace('AWSCognitoIdentityProviderService.', ''),
        request: parsed(init.body),
        response: parsed(await response.clone().text()),
      });
    }
    return response;
  };
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    stop: () => {
      globalThis.fetch = original;
    },
  };
}
