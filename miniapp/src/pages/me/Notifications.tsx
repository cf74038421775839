import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SubscriptionTemplates } from '@hotline/shared-types';
import { notifyApi } from '../../services/notify';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

const ANSWERS: Record<Answer, string> = {
  accept: '总是允许',
  reject: '已拒绝',
  ban: '已被禁止',
  filter: '已被过滤',
};

interface Settings {
  mainSwitch: boolean;
  items: Record<string, Answer | undefined>;
}

/** What WeChat holds for this mini-program's notices: the master switch and any "always" choice per notice. */
function readSettings(): Promise<Settings> {
  return Taro.getSetting({ withSubscriptions: true }).then(({ subscriptionsSetting }) => {
    const setting = subscriptionsSetting as unknown as { mainSwitch?: boolean; itemSettings?: Record<string, Answer> };
    return { mainSwitch: setting?.mainSwitch !== false, items: setting?.itemSettings ?? {} };
  });
}

/**
 * 消息通知: which notices the citizen can get and what they granted. One-time notices are asked for on each
 * submission; WeChat remembers only "always" answers, which 设置 can change.
 */
export function Notifications() {
  const [templates, setTemplates] = useState<SubscriptionTemplates['templates']>([]);
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const weapp = process.env.TARO_ENV === 'weapp';

  useEffect(() => {
    notifyApi
      .subscriptionTemplates()
      .then(({ templates: listed }) => setTemplates(listed))
      .catch(() => undefined);
    if (weapp) readSettings().then(setSettings, () => undefined);
  }, [weapp]);

  const stateOf = (templateId: string): string => {
    if (!weapp) return '网页版不发送订阅消息';
    if (settings && !settings.mainSwitch) return '已关闭全部通知';
    const answer = settings?.items[templateId];
    return answer ? ANSWERS[answer] : '每次提交诉求时询问';
  };

  return (
    <View className="me__section notifications">
      <Text className="me__heading">消息通知</Text>
      {templates.map((template) => (
        <View key={template.templateId} className="me__row notification-row">
          <Text className="me__text">{template.label}</Text>
          <Text className="me__state notification-state">{stateOf(template.templateId)}</Text>
        </View>
      ))}
      {templates.length === 0 && <Text className="me__hint">本市暂未开通订阅消息。</Text>}
      {weapp && (
        <Button className="me__button open-settings" onClick={() => void Taro.openSetting({})}>
          在设置中管理通知和授权
        </Button>
      )}
    </View>
  );
}
