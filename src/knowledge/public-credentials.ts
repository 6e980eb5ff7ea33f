// Fixed values that providers document as the non-secret half of a credential: the word that goes
// beside a token in HTTP basic auth. Assigned to a `password` or `username` key they are no secret;
// the token next to them is.

export interface PublicCredentialValue { value: string; provider: string; source: string }

export const PUBLIC_CREDENTIAL_VALUES: readonly PublicCredentialValue[] = [
  { value: 'x-oauth-basic', provider: 'GitHub', source: 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api (basic auth with the token as user and x-oauth-basic as password)' },
  { value: 'x-access-token', provider: 'GitHub Apps', source: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation (x-access-token as the user for an installation token)' },
  { value: 'x-token-auth', provider: 'Bitbucket', source: 'https://support.atlassian.com/bitbucket-cloud/docs/using-access-tokens/ (x-token-auth as the user for an access token)' },
];

/** Whether a value is one providers document as the fixed, public part of a token credential. */
export function isPublicCredentialValue(value: string): boolean {
  return PUBLIC_CREDENTIAL_VALUES.some((v) => v.value === value.trim());
}
