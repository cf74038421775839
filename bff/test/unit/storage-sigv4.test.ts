import { sha256Hex, signV4, type SigV4Credentials } from '../../src/adapters/storage/sigv4';

/**
 * Published AWS vectors: the Signature Version 4 test suite (get-vanilla, post-vanilla,
 * get-vanilla-query-order-key-case) and the GET Object example of the S3 API reference.
 */
const EMPTY = sha256Hex('');
const suite: SigV4Credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
};
const suiteTime = new Date('2015-08-30T12:36:00Z');

describe('SigV4 signing', () => {
  test('when the body is empty, then its hash is the well-known empty SHA-256', () => {
    expect(EMPTY).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test.each([
    [
      'get-vanilla',
      'GET',
      'https://example.amazonaws.com/',
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    [
      'post-vanilla',
      'POST',
      'https://example.amazonaws.com/',
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    ],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
  ])(
    'when signing the test-suite case %s, then the Authorization header matches AWS exactly',
    (_name, method, url, signature) => {
      const headers = signV4({ method, url: new URL(url), headers: {}, payloadHash: EMPTY }, suite, suiteTime);
      expect(headers).toEqual({
        'x-amz-date': '20150830T123600Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      });
    },
  );

  test('when signing the S3 reference GET Object example, then the signature matches the documentation', () => {
    const headers = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY },
        payloadHash: EMPTY,
      },
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers.range).toBe('bytes=0-9');
  });

  test('when anything signed changes, then the signature changes', () => {
    const sign = (url: string, at = suiteTime) =>
      signV4({ method: 'GET', url: new URL(url), headers: {}, payloadHash: EMPTY }, suite, at).authorization;
    const base = sign('https://example.amazonaws.com/a');
    expect(sign('https://example.amazonaws.com/b')).not.toBe(base);
    expect(sign('https://example.amazonaws.com:8443/a')).not.toBe(base);
    expect(sign('https://example.amazonaws.com/a', new Date(suiteTime.getTime() + 1000))).not.toBe(base);
  });
});
