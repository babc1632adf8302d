/* S3 Bucket Policy — MIT License. */
import type { HostRule } from '../../hostRule';
import type { HclBlock } from '../hclTree';

/** What a Terraform check reads: the file's text and, for a `.tf` file, its blocks. */
export interface TerraformCheckInput {
  text: string;
  /** Undefined for a template file. */
  blocks: HclBlock[] | undefined;
}

/** A check that exists only in Terraform files and templates; it reports in the file's offsets. */
export type TerraformRule = HostRule<TerraformCheckInput>;
