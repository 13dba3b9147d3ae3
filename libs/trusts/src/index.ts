export { TrustsModule } from './trusts.module';
export { TrustCommandHandler, type CommandOptions, type CommandResult } from './application/command-handler';
export { TrustRepository, type LoadedTrust } from './application/trust-repository';
export { trustStream, trustIdOf, TRUST_STREAM_PREFIX, toDomainEvent } from './application/trust-stream';
