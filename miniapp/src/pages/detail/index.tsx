import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { CASE_TYPES, type CaseDetail, type TimelineEntry } from '@hotline/shared-types';
import { PageRoot } from '../../components/PageRoot';
import { useCaseDetail } from '../../hooks/useCaseDetail';
import { useCasePhotos } from '../../hooks/useCasePhotos';
import { useSubscription } from '../../hooks/useSubscription';
import { ApiError } from '../../services/http';
import { formatDateTime } from '../../utils/date';
import { dueText, isFinal, maskPhone, statusLabel, statusMark } from '../../utils/format';
import './index.scss';

const WITHDRAW_FAILURE = '撤回失败，请稍后再试';

function Row({ name, label, children }: { name: string; label: string; children: string }) {
  return (
    <View className={`detail-row detail-row--${name}`}>
      <Text className="detail-row__label">{label}</Text>
      <Text className="detail-row__value">{children}</Text>
    </View>
  );
}

function contactText(detail: CaseDetail): string {
  if (detail.anonymous) return '匿名提交';
  if (!detail.contact) return '未留联系方式';
  const phone = detail.contact.phone ? maskPhone(detail.contact.phone) : null;
  return [detail.contact.name, phone].filter(Boolean).join(' ');
}

function placeText(location: NonNullable<CaseDetail['location']>): string {
  return [location.regionName, location.address].filter(Boolean).join(' · ');
}

function Summary({ detail }: { detail: CaseDetail }) {
  const marks = [
    detail.flags.supervised && '督办',
    detail.flags.urged && '催办',
    detail.flags.heldForReview && '内容审核中',
    detail.confidential && '保密',
  ].filter((mark): mark is string => Boolean(mark));
  return (
    <View className="detail__section">
      <View className="detail__header">
        <Text className="status-mark">{statusMark(detail.status)}</Text>
        <Text className={`detail__status detail__status--${detail.status}`}>{statusLabel(detail.status)}</Text>
        {detail.overdue && <Text className="detail__overdue">已超期</Text>}
        {marks.map((mark) => (
          <Text key={mark} className="detail__mark">
            {mark}
          </Text>
        ))}
      </View>
      <Text className="detail__title">{detail.title}</Text>
      <Text className="detail__content">{detail.content}</Text>
      <Row name="type" label="类型">
        {`${CASE_TYPES[detail.type]} · ${detail.categoryName}`}
      </Row>
      {detail.ticketNo && (
        <Row name="ticket" label="工单号">
          {detail.ticketNo}
        </Row>
      )}
      {detail.location && (
        <Row name="location" label="地址">
          {placeText(detail.location)}
        </Row>
      )}
      <Row name="contact" label="联系方式">
        {contactText(detail)}
      </Row>
      {detail.handlingUnit && (
        <Row name="unit" label="承办单位">
          {detail.handlingUnit}
        </Row>
      )}
      {detail.dueAt && (
        <Row name="due" label="办理时限">
          {dueText(detail.dueAt, detail.overdue)}
        </Row>
      )}
      <Row name="created" label="提交时间">
        {formatDateTime(detail.createdAt)}
      </Row>
    </View>
  );
}

function Photos({ detail }: { detail: CaseDetail }) {
  const paths = useCasePhotos(detail.photos);
  if (detail.photos.length === 0) return null;
  return (
    <View className="detail__section">
      <Text className="detail__heading">照片（{detail.photos.length}张，点击查看大图）</Text>
      <View className="detail-photos">
        {paths.map((path) => (
          <Image
            key={path}
            className="detail-photo"
            src={path}
            mode="aspectFill"
            onClick={() => void Taro.previewImage({ current: path, urls: paths })}
          />
        ))}
      </View>
    </View>
  );
}

function Replies({ replies }: { replies: CaseDetail['replies'] }) {
  if (replies.length === 0) return null;
  return (
    <View className="detail__section">
      <Text className="detail__heading">答复</Text>
      {replies.map((reply) => (
        <View key={`${reply.at}-${reply.unit ?? ''}`} className="reply">
          <Text className="reply__meta">{[formatDateTime(reply.at), reply.unit].filter(Boolean).join(' · ')}</Text>
          <Text className="reply__text">{reply.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** Oldest first, so the latest step is at the bottom where the citizen reads on to. */
function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const ordered = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <View className="detail__section">
      <Text className="detail__heading">办理进度</Text>
      {ordered.map((entry) => (
        <View key={entry.id} className="timeline-entry">
          <Text className="timeline-entry__label">{entry.label}</Text>
          <Text className="timeline-entry__time">{formatDateTime(entry.at)}</Text>
          {entry.unit && <Text className="timeline-entry__unit">{entry.unit}</Text>}
          {entry.note && <Text className="timeline-entry__note">{entry.note}</Text>}
        </View>
      ))}
    </View>
  );
}

/** What the citizen can do with the case now: withdraw, ask for notices again, rate once it is closed. */
function Actions({ detail, onWithdraw }: { detail: CaseDetail; onWithdraw: () => void }) {
  const subscription = useSubscription();
  const askForNotices = () => {
    const answers = subscription.ask();
    void answers.then(async (result) => {
      await subscription.report(detail.id, result);
      const accepted = result.some((answer) => answer.result === 'accept');
      void Taro.showToast({ title: accepted ? '已订阅办理通知' : '未订阅通知', icon: 'none' });
    });
  };
  const rate = () => {
    void Taro.navigateTo({ url: `/pages/survey/index?caseId=${detail.id}` });
  };
  return (
    <View className="detail__actions">
      {detail.status === 'closed' && (
        <Button className="rate-button" type="primary" onClick={rate}>
          评价办理结果
        </Button>
      )}
      {process.env.TARO_ENV === 'weapp' && !isFinal(detail.status) && (
        <Button className="notify-button" onClick={askForNotices}>
          接收办理进度通知
        </Button>
      )}
      {detail.canWithdraw && (
        <Button className="withdraw-button" onClick={onWithdraw}>
          撤回
        </Button>
      )}
    </View>
  );
}

export default function CaseDetailPage() {
  const { params } = useRouter();
  const { detail, state, error, reload, withdraw } = useCaseDetail(params.id ?? '');

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const onWithdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回诉求',
      content: '撤回后诉求将不再办理，确定撤回吗？',
      confirmText: '撤回',
    });
    if (!confirm) return;
    try {
      await withdraw();
      void Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (caught) {
      void Taro.showToast({ title: caught instanceof ApiError ? caught.message : WITHDRAW_FAILURE, icon: 'none' });
      void reload();
    }
  };

  if (state === 'loading') {
    return (
      <PageRoot className="detail detail--loading">
        <Text className="detail__hint">加载中…</Text>
      </PageRoot>
    );
  }
  if (state === 'error' || !detail) {
    return (
      <PageRoot className="detail detail--error">
        <Text className="detail__error">{error}</Text>
        <Button className="detail__retry retry-button" size="mini" onClick={() => void reload()}>
          重试
        </Button>
      </PageRoot>
    );
  }
  return (
    <PageRoot className="detail">
      <Summary detail={detail} />
      <Photos detail={detail} />
      <Replies replies={detail.replies} />
      <Timeline entries={detail.timeline} />
      <Actions detail={detail} onWithdraw={() => void onWithdraw()} />
    </PageRoot>
  );
}
