// CI providers and the files that configure them. verdict reads GitHub Actions and GitLab CI
// workflows step by step; for the others it knows only that CI is configured, so a rule can say
// "CI exists, its checks were not read" instead of "no CI".

export interface CiProvider {
  name: string;
  /** Paths relative to the repository root (a trailing `/` names a folder whose files configure it). */
  files: readonly string[];
  /** A path that must match. */
  example: string;
  source: string;
}

export const CI_PROVIDERS: readonly CiProvider[] = [
  { name: 'GitHub Actions', files: ['.github/workflows/'], example: '.github/workflows/ci.yml', source: 'https://docs.github.com/actions/using-workflows' },
  { name: 'GitLab CI', files: ['.gitlab-ci.yml'], example: '.gitlab-ci.yml', source: 'https://docs.gitlab.com/ee/ci/yaml/' },
  { name: 'Travis CI', files: ['.travis.yml'], example: '.travis.yml', source: 'https://docs.travis-ci.com/user/customizing-the-build/' },
  { name: 'AppVeyor', files: ['appveyor.yml', '.appveyor.yml'], example: 'appveyor.yml', source: 'https://www.appveyor.com/docs/build-configuration/' },
  { name: 'CircleCI', files: ['.circleci/config.yml', '.circleci/config.yaml'], example: '.circleci/config.yml', source: 'https://circleci.com/docs/configuration-reference/' },
  { name: 'Azure Pipelines', files: ['azure-pipelines.yml', 'azure-pipelines.yaml', '.azure-pipelines/'], example: 'azure-pipelines.yml', source: 'https://learn.microsoft.com/azure/devops/pipelines/yaml-schema/' },
  { name: 'Bitbucket Pipelines', files: ['bitbucket-pipelines.yml'], example: 'bitbucket-pipelines.yml', source: 'https://support.atlassian.com/bitbucket-cloud/docs/configure-bitbucket-pipelinesyml/' },
  { name: 'Jenkins', files: ['Jenkinsfile'], example: 'Jenkinsfile', source: 'https://www.jenkins.io/doc/book/pipeline/jenkinsfile/' },
  { name: 'Buildkite', files: ['.buildkite/', 'buildkite.yml', 'buildkite.yaml'], example: '.buildkite/pipeline.yml', source: 'https://buildkite.com/docs/pipelines/defining-steps' },
  { name: 'Drone', files: ['.drone.yml'], example: '.drone.yml', source: 'https://docs.drone.io/pipeline/overview/' },
  { name: 'Woodpecker', files: ['.woodpecker.yml', '.woodpecker/'], example: '.woodpecker/test.yml', source: 'https://woodpecker-ci.org/docs/usage/workflow-syntax' },
];

/** The CI provider a repository path configures, or null. */
export function ciProviderOf(path: string): CiProvider | null {
  for (const p of CI_PROVIDERS) {
    if (p.files.some((f) => (f.endsWith('/') ? path.startsWith(f) && /\.ya?ml$/.test(path) : path === f))) return p;
  }
  return null;
}
