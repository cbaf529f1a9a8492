import { expect } from '@open-wc/testing';
import { cleanComment } from '../src/follow-up/comment.js';
import { buildResponse, newResponseId, pageAddress } from '../src/element/payload.js';

describe('payload', () => {
  it('keeps only origin and path of the page address', () => {
    expect(pageAddress('https://www.example.gov.uk/bins/garden-waste?postcode=SW1A1AA#renew')).to.equal(
      'https://www.example.gov.uk/bins/garden-waste',
    );
  });

  it('makes distinct UUID v4 ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newResponseId()));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('leaves out a honeypot nobody filled in, and writes the answer time in UTC', () => {
    const response = buildResponse({
      id: newResponseId(),
      change: 'bins',
      answer: 'yes',
      locale: 'en',
      page: 'https://example.gov.uk/',
      answeredAt: new Date('2026-11-26T09:12:03.120Z'),
      honeypot: '',
    });
    expect(response).to.not.have.property('honeypot');
    expect(response.answeredAt).to.equal('2026-11-26T09:12:03.120Z');
  });

  it('keeps a redacted comment within 1,200 code points without cutting a marker in half', () => {
    // Each address (6 characters) becomes [email] (7): redaction pushes this over the limit, and the
    // cut at 1,200 lands inside a marker.
    const comment = cleanComment('zz ' + 'a@b.co '.repeat(171));
    expect(Array.from(comment).length).to.be.at.most(1200);
    expect(comment.endsWith('[email]')).to.equal(true);
    expect(comment).to.not.match(/\[[a-z-]*$/);
  });

  it('counts code points, so emoji are not split', () => {
    const comment = cleanComment('😀'.repeat(1300));
    expect(Array.from(comment)).to.have.length(1200);
    expect(comment).to.equal('😀'.repeat(1200));
  });
});
