import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AdminOnly, NoDelegation, Roles } from '@vpp/access';
import { AgrKeyStore } from '../application/agr-key-store';
import { Participants } from '../application/participants';
import { UFTP_MESSAGE_PATH } from '../domain/uftp-vocabulary';
import { participantView } from './congestion-views';
import { parseBody, registerParticipantBody } from './dto/congestion.bodies';

/** Operators register DSO participants (domain, cs1 key, endpoint) and read our AGR public key. */
@ApiTags('congestion')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/congestion')
export class UftpParticipantsController {
  constructor(
    private readonly participants: Participants,
    private readonly keys: AgrKeyStore,
  ) {}

  @Post('participants')
  @Roles('operator')
  @AdminOnly()
  @NoDelegation()
  @ApiOperation({ summary: 'Register a DSO: its UFTP domain, cs1 public key and message endpoint URL, tied to its organisation' })
  async register(@Body() body: unknown) {
    return participantView(await this.participants.register(parseBody(registerParticipantBody, body)));
  }

  @Get('participants')
  @Roles('operator')
  async list() {
    return (await this.participants.list()).map(participantView);
  }

  @Get('agr-key')
  @Roles('operator', 'dso')
  @ApiOperation({ summary: 'Our AGR domain and cs1 public key (generated once), and the path of our UFTP message endpoint' })
  async agrKey() {
    const key = await this.keys.current();
    return { domain: key.domain, role: 'AGR', publicKey: key.publicKey, messagePath: UFTP_MESSAGE_PATH };
  }
}
