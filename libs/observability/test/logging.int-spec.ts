import { Body, Controller, Logger, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { APP_CONFIG, ConfigModule, loadConfig } from '@vpp/config';
import { CorrelationContext, createHttpApp, LoggingModule } from '@vpp/observability';

const lines: Record<string, unknown>[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

class NoteRequestDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  private readonly logger = new Logger(NotesController.name);

  @Post()
  async create(@Body() body: NoteRequestDto): Promise<{ correlationId: string | undefined }> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log({ noteLength: body.text.length }, 'note received');
    return { correlationId: CorrelationContext.currentId() };
  }
}

@Module({ imports: [ConfigModule, LoggingModule.forApp('logging-test', capture)], controllers: [NotesController] })
class NotesTestModule {}

// The second half of the body arrives in a later socket read, outside the request's async
// context, which is exactly where a correlation id gets lost if nothing restores it.
function postInTwoParts(url: string, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.write(body.slice(0, 5));
    setTimeout(() => req.end(body.slice(5)), 50);
  });
}

describe(LoggingModule.name, () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'info' });
    const moduleRef = await Test.createTestingModule({ imports: [NotesTestModule] }).overrideProvider(APP_CONFIG).useValue(config).compile();
    app = await createHttpApp(moduleRef, { appName: 'logging-test', config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it('puts the correlation id, app and class name on lines logged after the body was parsed, and redacts credentials', async () => {
    const correlationId = `log-${Math.random().toString(36).slice(2)}`;
    const answer = await postInTwoParts(`${baseUrl}/notes`, JSON.stringify({ text: 'hello' }), {
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
      authorization: 'Bearer secret-token',
      'x-api-key': 'vpp_secret',
      cookie: 'session=secret',
    });
    expect(JSON.parse(answer)).toEqual({ correlationId });

    // The access line is written when the response finishes, which may be just after fetch resolves.
    for (let i = 0; i < 50 && !lines.some((l) => l.correlationId === correlationId && l.msg === 'request completed'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const own = lines.filter((line) => line.correlationId === correlationId);
    expect(own.find((line) => line.msg === 'note received')).toMatchObject({ app: 'logging-test', context: NotesController.name, noteLength: 5, level: 30 });
    const completed = own.find((line) => line.msg === 'request completed');
    expect(completed).toBeDefined();
    expect((completed!.req as { headers: Record<string, string> }).headers).toMatchObject({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret-token|vpp_secret|session=secret/);
  });
});
