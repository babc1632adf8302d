#!/bin/sh
# S3 Bucket Policy — MIT License.
# Lints the policy deployed on an S3 bucket, as S3 returns it, before you change it or to audit it.
# Usage: lint-deployed-policy.sh BUCKET [s3-policy-lint options...]
# Needs the AWS CLI (with credentials that may call s3:GetBucketPolicy), jq and s3-policy-lint.
# "-" makes s3-policy-lint read the policy from standard input; it is reported as <stdin>.
set -eu
bucket=$1
shift
aws s3api get-bucket-policy --bucket "$bucket" --output json | jq -r .Policy | s3-policy-lint "$@" -
