// The ci rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import endOfLifeRuntime from './end-of-life-runtime.js';
import deployWithoutChecks from './deploy-without-checks.js';
import deployWithoutEnvironment from './deploy-without-environment.js';
import lockfile from './lockfile.js';
import migrateAfterStart from './migrate-after-start.js';
import missingChecks from './missing-checks.js';
import missingPermissions from './missing-permissions.js';
import nodeVersionPinned from './node-version-pinned.js';
import pullRequestTargetCheckout from './pull-request-target-checkout.js';
import scriptInjection from './script-injection.js';
import stepNeverExits from './step-never-exits.js';
import unpinnedAction from './unpinned-action.js';

export const rules: Rule[] = [
  missingChecks, pullRequestTargetCheckout, scriptInjection, unpinnedAction, missingPermissions,
  deployWithoutEnvironment, deployWithoutChecks, migrateAfterStart, lockfile, nodeVersionPinned, endOfLifeRuntime, stepNeverExits,
];
