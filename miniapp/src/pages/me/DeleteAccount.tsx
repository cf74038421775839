import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DRAFT_STORAGE_KEY } from '../../hooks/useCaseDraft';
import { api } from '../../services/api';
import { ApiError } from '../../services/http';
import { clearSession } from '../../services/session';

/** The word the BFF asks for (deleteMeRequestSchema): typing it is the confirmation. */
const CONFIRM_WORD = '注销';
const DELETE_FAILED = '注销失败，请稍后再试';

/** 注销并删除我的数据, behind a confirmation that says what goes and what stays. */
export function DeleteAccount() {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState('');
  const confirmed = typed.trim() === CONFIRM_WORD;

  const remove = async () => {
    // The button is disabled until then; this also holds where a disabled button still reports taps.
    if (!confirmed || deleting) return;
    setDeleting(true);
    setError('');
    try {
      await api.deleteMe(typed.trim());
      // The token belongs to the deleted account, and a draft would carry its contact data.
      clearSession();
      Taro.removeStorageSync(DRAFT_STORAGE_KEY);
      setDeleted(true);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : DELETE_FAILED);
    } finally {
      setDeleting(false);
    }
  };

  if (deleted) {
    return (
      <View className="me__section delete-account">
        <Text className="me__heading">注销并删除我的数据</Text>
        <Text className="me__text delete-done">
          已注销。您的个人信息已删除，诉求已做匿名化处理。再次使用本小程序时将是一个新的账号。
        </Text>
      </View>
    );
  }

  return (
    <View className="me__section delete-account">
      <Text className="me__heading">注销并删除我的数据</Text>
      {!confirming ? (
        <Button className="me__button me__button--danger delete-start" onClick={() => setConfirming(true)}>
          注销并删除我的数据
        </Button>
      ) : (
        <View className="delete-confirm">
          <Text className="me__text">
            将立即删除：您的联系人姓名和电话、每件诉求的标题和内容、位置和地址、照片，以及与您微信账号的关联。
          </Text>
          <Text className="me__text">
            将保留（不含个人信息，仅用于统计）：诉求的类型、分类、所属区域、日期、办理状态和满意度评价。已转交12345热线的工单由热线按其档案规定保存。
          </Text>
          <Text className="me__text">注销后“我的诉求”将为空，此操作无法撤销。如需保留记录，请先导出我的数据。</Text>
          <Text className="me__hint delete-confirm-hint">
            {confirmed ? `已输入“${CONFIRM_WORD}”，点“确认注销”后立即执行。` : `请输入“${CONFIRM_WORD}”确认：`}
          </Text>
          <Input
            className="me__input delete-confirm-input"
            value={typed}
            placeholder={CONFIRM_WORD}
            maxlength={4}
            onInput={(event) => setTyped(event.detail.value)}
          />
          {error && <Text className="form-error delete-error">{error}</Text>}
          <View className="delete-confirm__actions">
            <Button className="me__button delete-cancel" onClick={() => setConfirming(false)}>
              取消
            </Button>
            <Button
              className="me__button me__button--danger delete-confirm-button"
              // `|| undefined`, not false: Taro's H5 button keeps disabled="false" and greys it out.
              loading={deleting || undefined}
              disabled={deleting || !confirmed || undefined}
              onClick={() => void remove()}
            >
              确认注销
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
