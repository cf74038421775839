import { answersOf, subscriptionTemplateIds } from '../src/hooks/useSubscription';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));

describe('subscription templates', () => {
  it('when more than three ids are configured, then only the first three are asked for', () => {
    expect(subscriptionTemplateIds(' a, b ,c,d,')).toEqual(['a', 'b', 'c']);
    expect(subscriptionTemplateIds('')).toEqual([]);
  });

  it('when WeChat answers, then only the asked templates with a known answer are kept', () => {
    const result = { errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'weird', z: 'accept' };
    expect(answersOf(result, ['a', 'b', 'c'])).toEqual([
      { templateId: 'a', result: 'accept' },
      { templateId: 'b', result: 'reject' },
    ]);
  });
});
