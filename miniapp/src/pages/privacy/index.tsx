import { Text, View } from '@tarojs/components';
import { PageRoot } from '../../components/PageRoot';
import './index.scss';

const SECTIONS: { heading: string; text: string }[] = [
  {
    heading: '我们收集哪些信息',
    text:
      '您提交诉求时填写的内容（类型、分类、诉求描述）、您上传的照片、您填写或选择的位置，以及联系人姓名和联系电话' +
      '（匿名提交时不收集联系方式）。为识别“我的诉求”，我们还会保存您微信登录产生的用户标识。',
  },
  {
    heading: '为什么收集',
    text:
      '用于把您的诉求转交12345热线和承办单位办理，在需要时联系您核实情况、答复和回访，并向您展示办理进度。' +
      '这些信息不会用于与办理诉求无关的用途。',
  },
  {
    heading: '如何保存和保护',
    text:
      '联系方式等个人信息加密存储，只有办理您诉求的工作人员在需要时才能查看；页面上显示的姓名和电话均经过脱敏处理。' +
      '选择“保密”的诉求不会公开展示。',
  },
  {
    heading: '如何查看和删除',
    text:
      '您可以随时在“我的诉求”中查看已提交的诉求。稍后将在“我的”页面提供导出个人信息和注销账号的功能：' +
      '注销后您的个人信息将被删除，已提交的诉求做匿名化处理后仅保留统计数据。',
  },
  {
    heading: '联系我们',
    text: '如对本指引或个人信息处理有疑问，请拨打12345热线。',
  },
];

export default function PrivacyGuide() {
  return (
    <PageRoot className="privacy">
      <Text className="privacy__title">隐私保护指引</Text>
      {SECTIONS.map(({ heading, text }) => (
        <View key={heading} className="privacy__section">
          <Text className="privacy__heading">{heading}</Text>
          <Text className="privacy__text">{text}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
