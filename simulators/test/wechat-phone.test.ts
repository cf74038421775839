import { phoneNumberFor } from '../src';
import { accessToken, call, closeAll, simulator } from './wechat-support';

afterEach(closeAll);

describe('WeChat simulator: wxa/business/getuserphonenumber', () => {
  test('when a code names a number, then that number comes back with country code 86', async () => {
    const sim = await simulator();
    const reply = await call(
      sim,
      '/wxa/business/getuserphonenumber',
      { code: 'phone-13812345678' },
      { access_token: await accessToken(sim) },
    );
    expect(reply).toMatchObject({
      errcode: 0,
      phone_info: {
        phoneNumber: '13812345678',
        purePhoneNumber: '13812345678',
        countryCode: '86',
        watermark: { appid: expect.any(String), timestamp: expect.any(Number) },
      },
    });
  });

  test('when any other code is given, then it maps to a stable 11-digit mobile number', () => {
    expect(phoneNumberFor('abc')).toBe(phoneNumberFor('abc'));
    expect(phoneNumberFor('abc')).not.toBe(phoneNumberFor('abd'));
    for (const code of ['abc', 'x', '0'.repeat(64)]) expect(phoneNumberFor(code)).toMatch(/^1[3-9]\d{9}$/);
  });

  test('when a code is used twice or is invalid, then errcode 40029', async () => {
    const sim = await simulator();
    const token = await accessToken(sim);
    const exchange = (code: string) => call(sim, '/wxa/business/getuserphonenumber', { code }, { access_token: token });
    expect(await exchange('once')).toMatchObject({ errcode: 0 });
    expect(await exchange('once')).toMatchObject({ errcode: 40029 });
    expect(await exchange('invalid-code')).toMatchObject({ errcode: 40029 });
  });

  test('when the access token is missing, then errcode 41001', async () => {
    const sim = await simulator();
    expect(await call(sim, '/wxa/business/getuserphonenumber', { code: 'c' })).toMatchObject({ errcode: 41001 });
  });
});
