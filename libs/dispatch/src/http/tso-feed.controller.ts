import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { Public } from '@vpp/access';
import { ProblemException } from '@vpp/observability';
import { ActivationIntake } from '../application/activation-intake';
import { TsoFeedAuthError, TsoFeedCredentials } from '../application/tso-feed-credentials';
import { tsoFeedMessageSchema } from '../application/tso-feed-messages';

const bodySchema = z.union([tsoFeedMessageSchema, z.object({ messages: z.array(tsoFeedMessageSchema).min(1).max(500) })]);

function presentedKey(apiKey: string | undefined, authorization: string | undefined): string {
  if (apiKey) return apiKey;
  const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new ProblemException(401, 'TSO_FEED_UNAUTHORISED', 'TSO feed key required', 'send X-API-Key: <key> or Authorization: Bearer <key>');
  return match[2];
}

/**
 * The TSO's HTTP feed (the WebSocket feed carries the same messages): aFRR setpoints, frequency
 * samples, day-ahead positions. Authenticated by the feed's own key, which names the portfolio;
 * public to the operator AuthGuard because a TSO is not one of our organisations.
 */
@Public()
@Controller('v1/dispatch/tso-feed')
export class TsoFeedController {
  constructor(
    private readonly credentials: TsoFeedCredentials,
    private readonly intake: ActivationIntake,
  ) {}

  @Post('messages')
  @HttpCode(200)
  async post(
    @Body() body: unknown,
    @Headers('x-api-key') apiKey: string | undefined,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<{ portfolioId: string; outcomes: string[] }> {
    const principal = await this.credentials.authenticate(presentedKey(apiKey, authorization)).catch((error: unknown) => {
      if (error instanceof TsoFeedAuthError) throw new ProblemException(401, error.code, 'TSO feed key refused', error.message);
      throw error;
    });
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) {
      throw new ProblemException(400, 'TSO_FEED_BAD_MESSAGE', 'Malformed TSO feed message', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const messages = 'messages' in parsed.data ? parsed.data.messages : [parsed.data];
    const outcomes: string[] = [];
    for (const message of messages) outcomes.push((await this.intake.take(principal.portfolioId, message, 'http')).outcome);
    return { portfolioId: principal.portfolioId, outcomes };
  }
}
