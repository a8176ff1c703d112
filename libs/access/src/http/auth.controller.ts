import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IssuedToken, IssueTokenUseCase } from '../application/issue-token.use-case';
import { Public } from './access.decorators';
import { IssueTokenRequestDto } from './dto/issue-token.request.dto';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly issueToken: IssueTokenUseCase) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived JWT (Bearer)' })
  token(@Body() body: IssueTokenRequestDto): Promise<IssuedToken> {
    return this.issueToken.execute(body.email, body.password);
  }
}
