import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './docker-base-unpinned.js';

const pkg = { 'package.json': '{"name":"a"}' };

describe('build/docker-base-unpinned', () => {
  it('stays silent on versions, digests, stages, build arguments and scratch', async () => {
    expect(await runRule(rule, {
      ...pkg,
      Dockerfile: 'ARG NODE=22\nFROM node:22-alpine AS build\nFROM --platform=linux/amd64 node:${NODE}\nFROM build AS final\nFROM gcr.io/distroless/nodejs22-debian12\nFROM node@sha256:abc\nFROM scratch\n',
      'docker/Dockerfile.worker': 'FROM registry.example.com:5000/team/node:20.11\n',
    })).toEqual([]);
  });

  it('reports a base image with no tag, latest, or a tag without a version', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      Dockerfile: 'FROM node:alpine\nRUN npm ci\n',
      'api/Dockerfile': 'FROM node AS deps\nFROM node:latest\nFROM deps\n',
    });
    expect(at(findings).sort()).toEqual(['Dockerfile:1', 'api/Dockerfile:1', 'api/Dockerfile:2']);
    expect(findings.find((f) => f.location?.path === 'Dockerfile')?.message).toContain('the tag "alpine", which names no version');
  });
});
