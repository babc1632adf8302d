/* S3 Bucket Policy — MIT License. */
/** The current policy language version, the one every fix writes. */
export const CURRENT_POLICY_VERSION = '2012-10-17';
/** The legacy version: valid, but policy variables are not expanded. */
export const LEGACY_POLICY_VERSION = '2008-10-17';
