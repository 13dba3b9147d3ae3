import 'reflect-metadata';
import { EventStoreDBClient } from '@eventstore/db-client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../apps/api/src/config/app-config';

/** The compose files and README promise services, ports and settings; this holds them to it. */
const dir = join(__dirname, '..', 'docker');
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
};
const compose = (file: string) =>
  parse(readFileSync(join(dir, file), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

function expectApiConfigAccepts(env: Record<string, string>) {
  const config = loadConfig({ ...env, JWT_SECRET: 'x'.repeat(32) });
  expect(config.eventStore).toEqual({ kind: 'esdb', connectionString: env.EVENTSTORE_CONNECTION_STRING });
}

describe('docker-compose.yml: the API on one insecure EventStoreDB node', () => {
  const { services } = compose('docker-compose.yml');

  it('runs an insecure single KurrentDB node on 2113 and the API on 3000, built from docker/Dockerfile', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore']);
    expect(services.eventstore.image).toMatch(/kurrentdb/);
    expect(services.eventstore.environment).toMatchObject({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
    });
    expect(services.eventstore.ports).toContain('2113:2113');
    expect(services.api.ports).toContain('3000:3000');
    expect(services.api.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(services.api.depends_on).toEqual({ eventstore: { condition: 'service_healthy' } });
  });

  it('points the API at the node with the connection string the README gives', () => {
    const env = services.api.environment!;
    expect(env).toMatchObject({
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
    });
    expect(readme).toContain(env.EVENTSTORE_CONNECTION_STRING);
    expectApiConfigAccepts(env);
  });
});

describe('docker-compose.cluster.yml: the API on a three-node secure cluster', () => {
  const { services } = compose('docker-compose.cluster.yml');
  const nodes = ['node1', 'node2', 'node3'];

  it('generates certificates first, then runs three TLS nodes that gossip with each other', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'cert-gen', ...nodes]);
    expect(services['cert-gen'].image).toMatch(/es-gencert-cli/);
    nodes.forEach((name, i) => {
      const node = services[name];
      expect(node.environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_CERTIFICATE_FILE: `/etc/kurrentdb/certs/${name}/node.crt`,
        KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS: name,
      });
      expect(node.environment!.KURRENTDB_INSECURE).toBeUndefined();
      expect(node.environment!.KURRENTDB_GOSSIP_SEED.split(',')).toHaveLength(2);
      expect(node.ports).toEqual([`${2111 + i}:2113`]);
      expect(node.depends_on).toEqual({ 'cert-gen': { condition: 'service_completed_successfully' } });
    });
  });

  it('connects the API over TLS with credentials to all three nodes, as the README says', () => {
    const env = services.api.environment!;
    const connection = env.EVENTSTORE_CONNECTION_STRING;
    expect(connection).toMatch(/^esdb:\/\/admin:[^@]+@node1:2113,node2:2113,node3:2113\?/);
    expect(connection).toContain('tls=true');
    expect(connection).toContain('tlsCAFile=/certs/ca/ca.crt');
    expect(services.api.volumes).toContain('certs:/certs:ro');
    expect(Object.keys(services.api.depends_on!).sort()).toEqual(nodes);
    expect(readme).toContain(connection);
    expectApiConfigAccepts({ ...env, JWT_SECRET: 'x'.repeat(32) });
  });
});

describe('the single-node connection string parses as @eventstore/db-client reads them', () => {
  it('accepts the single-node one without connecting', async () => {
    const { services } = compose('docker-compose.yml');
    const client = EventStoreDBClient.connectionString(
      services.api.environment!.EVENTSTORE_CONNECTION_STRING,
    );
    await client.dispose();
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  it('is multi-stage on Node 20, keeps production dependencies only and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM node:20\S* AS \w+/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/python3 make g\+\+/);
  });
});

describe('the image', () => {
  it('builds the web UI and ships it where the API serves it from', () => {
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm run build:web/);
    expect(dockerfile).toMatch(/COPY --from=build \S+ \/app\/apps\/web\/dist \.\/apps\/web\/dist/);
  });
});
