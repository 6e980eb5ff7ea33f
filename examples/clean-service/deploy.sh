#!/usr/bin/env bash
# Ships dist/ to the platform; the platform's CLI reads DEPLOY_TOKEN from the environment.
set -euo pipefail
echo "deploying notes-api $(node -p 'require("./package.json").version')"
