// The rules `npm run accuracy` measures by: a place answers within ±3 lines on the same path, a
// repository-level item only a located-nowhere finding of an answering category, must-not places
// only medium and above, and precision never counts an unjudged finding as true.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answers, findingKey, hits, pool, readJudgments, scoreRepo, selectExpectations,
  type Expectation, type RunFinding,
} from '../scripts/accuracy-match.js';

const at = (path: string, line: number, over: Partial<RunFinding> = {}): RunFinding => ({
  ruleId: 'security/route-without-auth', category: 'security', severity: 'high', package: 'svc',
  location: { path, line }, ...over,
});
const repo = (category: string, over: Partial<RunFinding> = {}): RunFinding => ({
  ruleId: 'ci/missing-checks', category, severity: 'high', package: null, location: null, ...over,
});

describe('answers', () => {
  const item = { path: 'src/app.ts', line: 40, category: 'security', severity: 'high', reason: 'r' };

  it('takes a finding on the same path within three lines either side, and nothing further', () => {
    expect(answers(at('src/app.ts', 37), item)).toBe(true);
    expect(answers(at('src/app.ts', 43), item)).toBe(true);
    expect(answers(at('src/app.ts', 36), item)).toBe(false);
    expect(answers(at('src/app.ts', 44), item)).toBe(false);
    expect(answers(at('src/other.ts', 40), item)).toBe(false);
  });

  it('ignores category for a located item: the place is what the reviewer wrote down', () => {
    expect(answers(at('src/app.ts', 40, { category: 'reliability' }), item)).toBe(true);
  });

  it('answers a repository-level item only with an unlocated finding of an answering category', () => {
    const noCi = { path: '', category: 'ci', severity: 'medium', reason: 'no CI' };
    expect(answers(repo('ci'), noCi)).toBe(true);
    expect(answers(repo('testing'), noCi)).toBe(false);
    expect(answers(at('.github/workflows/ci.yml', 1, { category: 'ci' }), noCi)).toBe(false);
    expect(answers(repo('ci'), { ...noCi, path: '(repo)' })).toBe(true);
    // a reviewer's "deploy" is answered by verdict's ci or build categories
    expect(answers(repo('build'), { ...noCi, category: 'deploy' })).toBe(true);
    expect(answers(repo('security'), { ...noCi, category: 'deploy' })).toBe(false);
  });
});

describe('hits', () => {
  const place = { path: 'src/db.ts', line: 10, reason: 'bound parameter' };
  it('counts medium and above within three lines, not low or info', () => {
    expect(hits(at('src/db.ts', 12, { severity: 'critical' }), place)).toBe(true);
    expect(hits(at('src/db.ts', 7, { severity: 'medium' }), place)).toBe(true);
    expect(hits(at('src/db.ts', 10, { severity: 'low' }), place)).toBe(false);
    expect(hits(at('src/db.ts', 14, { severity: 'critical' }), place)).toBe(false);
  });
});

describe('scoreRepo and pool', () => {
  const expectation: Expectation = {
    name: 'svc', set: 'develop',
    findings: [
      { path: 'src/app.ts', line: 40, category: 'security', severity: 'high', reason: 'open DELETE' },
      { path: '', category: 'testing', severity: 'high', reason: 'no tests' },
      { path: 'src/worker.ts', line: 5, category: 'reliability', severity: 'high', reason: 'no SIGTERM' },
    ],
    mustNot: [{ path: 'src/db.ts', line: 10, reason: 'bound parameter' }],
  };
  const run = {
    gate: { decision: 'NO_GO' },
    findings: [
      at('src/app.ts', 41),
      repo('testing', { ruleId: 'testing/no-tests' }),
      at('src/db.ts', 10, { ruleId: 'database/sql-injection', category: 'database', severity: 'critical' }),
      at('src/worker.ts', 5, { suppressed: { reason: 'x', where: 'y' } }),
      at('src/worker.ts', 6, { severity: 'info' }),
    ],
  };

  it('counts recall, must-not hits and critical + high, leaving suppressed and info findings out', () => {
    const s = scoreRepo(expectation, run);
    expect([s.matched, s.total]).toEqual([2, 3]);
    expect(s.missed.map((m) => m.reason)).toEqual(['no SIGTERM']);
    expect(s.mustNotHits.map((m) => m.by[0].ruleId)).toEqual(['database/sql-injection']);
    expect(s.blocking).toHaveLength(3);
    expect(s.gate).toBe('NO_GO');
  });

  it('computes precision from recorded judgments only; unjudged and debatable are not true', () => {
    const judgments = readJudgments({
      judgments: [
        { ruleId: 'security/route-without-auth', path: 'src/app.ts', line: 41, verdict: true },
        { ruleId: 'database/sql-injection', path: 'src/db.ts', line: 10, verdict: 'debatable' },
      ],
    });
    const s = scoreRepo(expectation, run, judgments);
    expect(s.judged).toEqual({ true: 1, false: 1, unjudged: 1 });
    const p = pool([s, scoreRepo({ ...expectation, name: 'other' }, run)]);
    expect(p.blocking).toBe(6);
    expect(p.judgedTrue).toBe(1);
    expect(p.unjudged).toBe(4);
    expect(p.precision).toBeCloseTo(1 / 6);
  });

  it('keys a repository-level judgment by package, and rejects a judgment without a verdict', () => {
    expect(findingKey(repo('testing', { ruleId: 'testing/no-tests', package: 'api' }))).toBe('testing/no-tests|(repo:api)|0');
    const j = readJudgments({ judgments: [{ ruleId: 'testing/no-tests', path: '', package: 'api', verdict: false }] });
    expect(j.get('testing/no-tests|(repo:api)|0')).toBe('false');
    expect(() => readJudgments({ judgments: [{ ruleId: 'x', path: 'a', line: 1 }] }, 'accuracy/judgments/svc.json'))
      .toThrow(/accuracy\/judgments\/svc.json: judgments\[0\]/);
  });
});

describe('selectExpectations', () => {
  const corpusDir = join(import.meta.dirname, '..', 'accuracy', 'expectations');
  const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(corpusDir, f), 'utf8')) as Expectation);
  const names = (list: Expectation[]) => list.map((e) => e.name).sort();

  it('measures the develop set by name and keeps the held-out sets out of it', () => {
    const develop = selectExpectations(corpus, 'develop');
    expect(develop).toHaveLength(12);
    expect(develop.every((e) => e.set === 'develop')).toBe(true);
    expect(names(selectExpectations(corpus, 'heldout2'))).toEqual(['bullmq-job-queue', 'nestjs-typeorm', 'sequelize-auth-api', 'shorter2']);
    expect(names(selectExpectations(corpus, 'heldout3')))
      .toEqual(['muve-api', 'node-background-jobs', 'revara-backend', 'shorturl-worker-d1', 'sportzone-api']);
    expect(names(selectExpectations(corpus, 'heldout4')))
      .toEqual(['bluey-url', 'jumb2bot-billing', 'natours-api', 'nest-blog-system', 'web-archive-worker']);
    expect(names(selectExpectations(corpus, 'heldout5')))
      .toEqual(['exten-hono-d1', 'grocerly', 'knex-rbac-api', 'rainfast', 'taskflow-nest']);
    expect(names(selectExpectations(corpus, 'heldout6')))
      .toEqual(['fastify-shop', 'koa-im-manager', 'nest-commerce', 'next-worker-notes', 'shopie-express']);
    expect(names(selectExpectations(corpus, 'heldout7')))
      .toEqual(['chatdys-hono', 'gym-fastify-prisma', 'gynav-pages-d1', 'judge-nest-bullmq', 'quickstay-hotel']);
    expect(names(selectExpectations(corpus, 'heldout8')))
      .toEqual(['fastify-knex-scaffold', 'koa-typeorm-users', 'mytt-nest-calendar', 'stripe-billing-express', 'virtual-tour-hono']);
    expect(names(selectExpectations(corpus, 'heldout9')))
      .toEqual(['ingress-fastify-bullmq', 'medical-center-hono', 'nest-sequelize-posts', 'payment-integrate-stripe', 'stripe-react-express']);
    expect(names(selectExpectations(corpus, 'heldout10')))
      .toEqual(['ecommerce-ds-express', 'intask-koa-pg', 'manysignals-express-sqlite', 'nestjs-ecom-mongoose', 'online-market-express']);
    expect(selectExpectations(corpus, 'aside')).toHaveLength(4);
    expect(selectExpectations(corpus, 'all')).toHaveLength(corpus.length);
  });

  it('narrows to --only within the set, so naming a held-out service does not pull it into develop', () => {
    expect(selectExpectations(corpus, 'develop', new Set(['shorter2', 'koa-ts-rest'])).map((e) => e.name)).toEqual(['koa-ts-rest']);
    expect(selectExpectations(corpus, 'heldout2', new Set(['shorter2'])).map((e) => e.name)).toEqual(['shorter2']);
    expect(selectExpectations(corpus, 'develop', new Set(['natours-api', 'bluey-url']))).toEqual([]);
  });

  it('refuses an unknown set, asked for or named by a file, instead of measuring nothing', () => {
    expect(() => selectExpectations(corpus, 'heldout11')).toThrow(/unknown set "heldout11"/);
    const stray = { name: 'stray', set: 'later', findings: [], mustNot: [] } as unknown as Expectation;
    expect(() => selectExpectations([...corpus, stray], 'all')).toThrow(/stray names set "later"/);
  });
});
