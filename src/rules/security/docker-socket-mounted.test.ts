import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './docker-socket-mounted.js';

const layout = { packages: [{ name: 'api', private: true }] };
const compose = (volume: string, longSource = '/var/run/docker.sock') => [
  'services:', //                 1
  '  api:', //                    2
  '    build: .', //              3
  '    volumes:', //              4
  `      - ${volume}`, //         5
  '  proxy:', //                  6
  '    image: traefik:v3', //     7
  '    volumes:', //              8
  '      - type: bind', //        9
  `        source: ${longSource}`, // 10
  '        target: /var/run/docker.sock', // 11
  '',
].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a development compose file', layout, documents: { 'docker-compose.dev.yml': compose('/var/run/docker.sock:/var/run/docker.sock') } },
    { name: 'ordinary volumes', layout, documents: { 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - uploads:/app/uploads\n      - ./config:/app/config:ro\nvolumes:\n  uploads: {}\n' } },
    {
      name: 'variables with a default that is no socket, or with no default (Compose interpolation)',
      layout,
      documents: { 'docker-compose.prod.yml': compose('${DATA_DIR:-./data}:/app/data', '${SOCKET_PATH}') },
      // The socket's path inside the container from a variable with no default: not known, not a pass.
      outcomes: [{ status: 'unknown' }],
    },
  ],
  invalid: [
    {
      name: 'the socket as the default of a variable, short and long syntax (Compose interpolation)',
      layout,
      documents: { 'docker-compose.yml': compose('${DOCKER_HOST_SOCKET:-/var/run/docker.sock}:/var/run/docker.sock', '${DOCKER_SOCK-/run/docker.sock}') },
      findings: [{ messageId: 'mounted', path: 'docker-compose.yml', line: 5, severity: 'medium' }, { messageId: 'mounted', path: 'docker-compose.yml', line: 9, severity: 'medium' }],
    },
    {
      name: 'a production compose file mounts the socket, short and long syntax, read-only included',
      layout,
      documents: { 'docker-compose.prod.yml': compose('/var/run/docker.sock:/var/run/docker.sock:ro') },
      findings: [{ messageId: 'mounted', path: 'docker-compose.prod.yml', line: 5, severity: 'high' }, { messageId: 'mounted', path: 'docker-compose.prod.yml', line: 9, severity: 'high' }],
    },
    {
      name: 'a compose file of no known purpose: medium',
      layout,
      documents: { 'docker-compose.yml': compose('/var/run/docker.sock:/var/run/docker.sock') },
      findings: [{ messageId: 'mounted', path: 'docker-compose.yml', line: 5, severity: 'medium' }, { messageId: 'mounted', path: 'docker-compose.yml', line: 9, severity: 'medium' }],
    },
  ],
});
