// WeChat answered in-process, instantly: the benchmarks leave WeChat's network hop out of every side they compare.
export const instantWechat = {
  code2Session: async (code) => ({ openid: `o-${code}` }),
  msgSecCheck: async () => ({ suggest: 'pass', label: 100, traceId: 'bench' }),
  mediaCheckAsync: async () => ({ traceId: 'bench' }),
  getPhoneNumber: async () => ({ phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86' }),
};
