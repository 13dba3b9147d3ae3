import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { validationPipe } from '@trustworks/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { applyHeapGrowth } from '../../apps/api/src/config/heap-growth';

/** The baseline: the same shape of body, the same ValidationPipe, the same Fastify adapter, no work. */
class BareDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/) occurredAt!: string;
  @IsString() authority!: string;
  @IsString() name!: string;
  @IsIn(['collaborative', 'partnership-agreement']) governanceModel!: string;
  @IsInt() @Min(0) @Max(25) ageFrom!: number;
  @IsInt() @Min(0) @Max(25) ageTo!: number;
  @IsBoolean() newAuthority!: boolean;
  @IsBoolean() twoTierArea!: boolean;
}

@Controller()
class BareController {
  @Post('trusts')
  @HttpCode(201)
  accept(@Body() dto: BareDto): { ok: true; name: string } {
    return { ok: true, name: dto.name };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(mode: string, port: number, dataDir: string): Promise<void> {
  let app: NestFastifyApplication;
  if (mode === 'bare') {
    app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
      logger: ['error'],
    });
    app.useGlobalPipes(validationPipe());
  } else {
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
    });
    // As the API's entry point does (the bare endpoint keeps V8's defaults: it holds no data).
    applyHeapGrowth(config);
    app = await createApp(config);
  }
  await app.listen(port, '127.0.0.1');
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main(process.argv[2], Number(process.argv[3]), process.argv[4]).catch((error) => {
  console.error(error);
  process.exit(1);
});
