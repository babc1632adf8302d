/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, fixAll, fixTitles, PARTNER_READ, policyWith, ruleIds, underlined } from '../../helpers/policyTest';

const clean = policyWith(PARTNER_READ);

/** The statement of the seed 003 snippet, as a blog printed it: “…” quotes, a ” opening "AES256", a “ closing the ARN. */
const SEED = `{
\u201CVersion\u201D : \u201C2012-10-17\u201D,
\u201CStatement\u201D : [{
\u201CSid\u201D : \u201CPublicRead\u201D,
\u201CEffect\u201D : \u201CDeny\u201D,
\u201CPrincipal\u201D : \u201C*\u201D,
\u201CAction\u201D : [\u201Cs3:*\u201D],
\u201CResource\u201D : [\u201Carn:aws:s3:::acme-web-assets\u201D, \u201Carn:aws:s3:::acme-web-assets/*\u201C],
\u201CCondition\u201D : {\u201CBool\u201D: {\u201Caws:SecureTransport\u201D:\u201Dfalse\u201D}}
}]
}`;

const SEED_STRAIGHT = SEED.replace(/[\u201C\u201D]/g, '"');

describe('smartQuotes', () => {
  it('stays silent on straight quotes, and on typographic ones inside a string or a comment, where they are text', () => {
    assert.deepEqual(findingsOf(clean, 'smartQuotes'), []);
    assert.deepEqual(ruleIds(clean.replace('"Sid": "PartnerRead"', '"Sid": "Partner\u2019s \u201Cread\u201D"')), []);
    assert.deepEqual(findingsOf(clean.replace('  "Statement"', '  // the partner\u2019s read\n  "Statement"'), 'smartQuotes'), []);
  });

  it('underlines each quoted token of the pasted seed, a ” used to open and a “ used to close included', () => {
    const tokens = underlined(SEED, 'smartQuotes');
    assert.equal(tokens.length, 18);
    assert.deepEqual(tokens.slice(0, 3), ['\u201CVersion\u201D', '\u201C2012-10-17\u201D', '\u201CStatement\u201D']);
    assert.ok(tokens.includes('\u201Carn:aws:s3:::acme-web-assets/*\u201C'));
    assert.ok(tokens.includes('\u201Dfalse\u201D'));
    assert.equal(findingsOf(SEED, 'smartQuotes')[0].severity, 'error');
  });

  it('reports the quotes alone: the parse errors they provoke are not reported again', () => {
    assert.deepEqual(new Set(ruleIds(SEED)), new Set(['smartQuotes']));
  });

  it('offers one preferred fix on every finding that replaces all of them, changing nothing else', () => {
    assert.deepEqual(new Set(fixTitles(SEED, 'smartQuotes').flat()), new Set(['Replace all typographic quotes with straight double quotes (preferred)']));
    assert.equal(applyFix(SEED, 'smartQuotes'), SEED_STRAIGHT);
    assert.deepEqual(ruleIds(SEED_STRAIGHT), []);
  });

  it('fixes single typographic quotes too', () => {
    const text = clean.replace('"Action": "s3:GetObject"', '"Action": \u2018s3:GetObject\u2019');
    assert.deepEqual(underlined(text, 'smartQuotes'), ['\u2018s3:GetObject\u2019']);
    assert.equal(fixAll(text), clean);
  });

  it('keeps an apostrophe inside typographic double quotes: a quote closes one of its own kind', () => {
    const text = clean.replace('"Sid": "PartnerRead"', '"Sid": \u201CPartner\u2019s read\u201D');
    assert.deepEqual(underlined(text, 'smartQuotes'), ['\u201CPartner\u2019s read\u201D']);
    assert.equal(applyFix(text, 'smartQuotes'), clean.replace('"Sid": "PartnerRead"', '"Sid": "Partner\u2019s read"'));
  });

  it('underlines a lone typographic quote and straightens it', () => {
    const text = clean.replace('"Action": "s3:GetObject"', '"Action": \u201Cs3:GetObject"');
    assert.deepEqual(underlined(text, 'smartQuotes'), ['\u201C']);
    assert.equal(applyFix(text, 'smartQuotes'), clean);
  });

  it('lets the seed\'s other mistakes show once the quotes are straight, and fix-all repairs them all', () => {
    const seed = SEED.replace('\u201C2012-10-17\u201D', '\u201C2022-10-18\u201D').replace('\u201Cs3:*\u201D', '\u201CS3: *\u201D');
    const straightened = applyFix(seed, 'smartQuotes');
    assert.deepEqual(ruleIds(straightened), ['invalidVersion', 'missingSecureTransportDeny', 'actionPrefixCase']);
    // "S3: *" matches nothing, so the deny does not count until the action is fixed: fix-all must not add a second one.
    assert.equal(fixAll(seed), SEED_STRAIGHT);
  });
});
