import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CallHotline } from '../../components/CallHotline';
import { PageRoot } from '../../components/PageRoot';
import { city } from '../../services/city';
import './index.scss';

/** Each kind of data the mini-program handles and why; the same list is declared in WeChat's admin. */
const DATA_KINDS: { kind: string; why: string }[] = [
  { kind: '微信用户标识（登录时自动产生）', why: '识别您本人，只向您显示“我的诉求”' },
  { kind: '诉求类型、分类和诉求内容', why: '转交12345热线和承办单位办理您的诉求' },
  { kind: '您选中的照片', why: '帮助承办单位了解现场情况' },
  { kind: '您在地图上选择的位置或填写的地址', why: '确定诉求所在区域，派给属地单位办理' },
  {
    kind: '联系人姓名和联系电话（手填，或经您授权的微信绑定手机号）',
    why: '核实情况、答复和回访；匿名提交时不收集',
  },
  { kind: '剪贴板', why: '仅在您点“复制”时写入链接或您的数据，我们不读取剪贴板' },
  { kind: '订阅消息授权和满意度评价', why: '在您同意时发送受理、办理结果和评价提醒，并统计满意率' },
];

function Section({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <View className="privacy__section">
      <Text className="privacy__heading">{heading}</Text>
      {children}
    </View>
  );
}

function Paragraph({ children }: { children: ReactNode }) {
  return <Text className="privacy__text">{children}</Text>;
}

function go(url: string): void {
  void Taro.navigateTo({ url });
}

/** The privacy guide, from the city's configuration: nothing here promises what the product does not do. */
export default function PrivacyGuide() {
  const { operator, recipients, retention, privacyContact, privacyUpdatedAt } = city;
  return (
    <PageRoot className="privacy">
      <Text className="privacy__title">隐私保护指引</Text>
      <Text className="privacy__updated">更新日期：{privacyUpdatedAt}</Text>

      <Section heading="谁在处理您的信息">
        <Paragraph>
          本小程序是{city.name}12345热线的微信渠道，由{operator.name}（地址：{operator.address}
          ）运营，负责处理您在本小程序中提供的个人信息。
        </Paragraph>
      </Section>

      <Section heading="我们处理哪些信息，为什么">
        {DATA_KINDS.map(({ kind, why }) => (
          <View key={kind} className="privacy__item privacy-data-kind">
            <Text className="privacy__item-name">{kind}</Text>
            <Text className="privacy__text">用途：{why}</Text>
          </View>
        ))}
        <Paragraph>这些信息不会用于与办理诉求无关的用途。</Paragraph>
      </Section>

      <Section heading="谁会收到您的信息">
        {recipients.map((recipient) => (
          <View key={recipient.name} className="privacy__item privacy-recipient">
            <Text className="privacy__item-name">{recipient.name}</Text>
            <Text className="privacy__text">
              收到：{recipient.data}；用于：{recipient.why}
            </Text>
          </View>
        ))}
      </Section>

      <Section heading="如何保存和保护">
        <Paragraph>
          联系方式加密存储，只有办理您诉求的工作人员在需要时才能查看完整号码，每次查看都有记录；页面上显示的姓名和电话均经过脱敏处理。选择“保密”的诉求不会公开展示。
        </Paragraph>
        <Paragraph>{retention}</Paragraph>
      </Section>

      <Section heading="您的权利">
        <Paragraph>查看：在“我的诉求”中查看您提交的每件诉求和办理进度。</Paragraph>
        <Paragraph>导出：在“我的”页面点“导出我的数据”，查看并复制我们保存的全部关于您的信息。</Paragraph>
        <Paragraph>
          删除：在“我的”页面点“注销并删除我的数据”，您的个人信息即被删除，诉求做匿名化处理后仅保留统计数据。
        </Paragraph>
        <Paragraph>
          撤回授权：点右上角“···”→“设置”，可关闭照片、位置等授权和订阅消息；已给出的授权撤回后不影响之前的处理。
        </Paragraph>
        <Paragraph>更正、投诉或其他请求：{privacyContact}。</Paragraph>
        <View className="privacy__links">
          <View className="privacy__link me-link" onClick={() => go('/pages/me/index')}>
            前往“我的”
          </View>
          <View className="privacy__link cases-link" onClick={() => go('/pages/cases/index')}>
            前往“我的诉求”
          </View>
        </View>
      </Section>

      <Section heading="联系我们">
        <Paragraph>如对本指引或个人信息处理有疑问，请拨打{city.hotline}热线。</Paragraph>
        <CallHotline />
      </Section>
    </PageRoot>
  );
}
