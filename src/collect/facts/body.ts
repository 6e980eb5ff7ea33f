// What a function's body does, as collectors record it for a middleware or guard they can see
// (collectors/body-facts.ts makes it; rules/shared/guards.ts judges it).

export interface BodyFacts {
  /**
   * Callees, in order, at most 40: an imported function as `module#export` (`jsonwebtoken#default#verify`
   * for `jwt.verify` on a default import, `jose#jwtVerify` through a namespace), anything else as written.
   */
  calls: string[];
  /** Answers 401 or 403, or names that answer (`Unauthorized`, `ForbiddenException`). */
  denies?: boolean;
  /** Throws. */
  throws?: boolean;
  /** Credential-bearing request fields it reads (`authorization`, `cookie`, `x-api-key`), lower case. */
  credentials?: string[];
}
