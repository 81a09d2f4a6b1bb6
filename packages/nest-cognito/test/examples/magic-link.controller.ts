import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Post,
  Query,
  Res,
  UnauthorizedException,
  ValidationPipe,
} from '@nestjs/common';
import { IsEmail, MaxLength } from 'class-validator';
import { type AuthTokens, CognitoAuthService, CognitoException, isChallenge } from 'nest-cognito';

class MagicLinkRequest {
  @IsEmail()
  @MaxLength(128)
  email!: string;
}

/** What both Express and Fastify replies can do: set a header. */
interface Reply {
  header(name: string, value: string): unknown;
}

/** Where the sign-in waits for its link: this browser, for as long as Cognito keeps the session. */
const COOKIE = 'magic-link';
const cookie = (value: string, maxAge: number) =>
  `${COOKIE}=${value}; Max-Age=${maxAge}; Path=/auth/magic-link; HttpOnly; Secure; SameSite=Lax`;

/**
 * A magic-link sign-in over Cognito's custom authentication. `POST /auth/magic-link` starts it
 * (the create trigger emails the link) and keeps its session in a cookie; the link,
 * `GET /auth/magic-link?secret=...`, opened in the same browser, answers the challenge with its secret.
 */
@Controller('auth/magic-link')
export class MagicLinkController {
  constructor(private readonly auth: CognitoAuthService) {}

  /** 202 for every email: the answer never tells who has an account. */
  @Post()
  @HttpCode(202)
  async send(
    @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: MagicLinkRequest,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<void> {
    try {
      const challenge = await this.auth.signInWithCustomChallenge(body.email);
      if (!isChallenge(challenge)) return;
      const pending = Buffer.from(JSON.stringify([body.email, challenge.session])).toString('base64url');
      reply.header('Set-Cookie', cookie(pending, 180));
    } catch (error) {
      // An account that cannot sign in (unconfirmed, disabled) is answered as any other.
      if (!(error instanceof CognitoException) || error.getStatus() >= 500) throw error;
    }
  }

  /** The link: tokens for the browser that asked for it, once. */
  @Get()
  async follow(
    @Query('secret') secret: unknown,
    @Headers('cookie') cookies: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<AuthTokens> {
    const pending = readPending(cookies);
    if (!pending || typeof secret !== 'string' || !/^[\w-]{43}$/.test(secret)) {
      throw new UnauthorizedException('This link is invalid or was opened in another browser.');
    }
    reply.header('Set-Cookie', cookie('', 0));
    const [email, session] = pending;
    const result = await this.auth.respondToChallenge({
      email,
      session,
      challenge: 'CUSTOM_CHALLENGE',
      answer: secret,
    });
    if (isChallenge(result)) throw new UnauthorizedException('This link is invalid or was used already.');
    return result;
  }
}

/** The email and session kept by `send`, or undefined. */
function readPending(cookies: string | undefined): [string, string] | undefined {
  const value = cookies
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!value) return undefined;
  try {
    const pending: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return Array.isArray(pending) && pending.length === 2 && pending.every((part) => typeof part === 'string')
      ? (pending as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}
