import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ReadinessChecks, ReadinessService } from './readiness.service.js';

interface NotReady {
  statusCode: number;
  code: 'NOT_READY';
  message: string;
  checks: ReadinessChecks;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the server is up (it may still wait for Cognito).' })
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the JWKS is loaded, Cognito answers, and Redis (when configured) answers.',
  })
  @ApiResponse({
    status: 200,
    description: 'Ready.',
    schema: { example: { status: 'ready', checks: { jwks: 'ok', cognito: 'ok' } } },
  })
  @ApiResponse({
    status: 503,
    description: 'Not ready; `checks` names what is down.',
    schema: {
      example: {
        statusCode: 503,
        code: 'NOT_READY',
        message: 'Not ready: jwks, cognito',
        checks: { jwks: 'down', cognito: 'down' },
      },
    },
  })
  async ready(
    @Res({ passthrough: true }) reply: { status(code: number): unknown },
  ): Promise<{ status: 'ready'; checks: ReadinessChecks } | NotReady> {
    const checks = await this.readiness.check();
    const down = Object.entries(checks)
      .filter(([, state]) => state !== 'ok')
      .map(([name]) => name);
    if (down.length === 0) return { status: 'ready', checks };
    // Answered, not thrown: the error shape plus `checks` (an exception filter keeps only the shape).
    reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'NOT_READY',
      message: `Not ready: ${down.join(', ')}`,
      checks,
    };
  }
}
