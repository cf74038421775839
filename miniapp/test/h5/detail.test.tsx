import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import CaseDetailPage from '../../src/pages/detail/index';
import { api } from '../../src/services/api';
import { CASE_ID, recordedCase, submittedCase } from '../fake-bff';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-mock').taroMock({ id: '01JDQ3ZB7Y6R2WJ4M6V1E8T9KX' }));
jest.mock('../../src/services/api', () => ({
  api: { getMyCase: jest.fn(), withdrawMyCase: jest.fn(), photoFile: jest.fn() },
}));

const mocked = api as jest.Mocked<typeof api>;

beforeEach(() => {
  jest.clearAllMocks();
});

describe('case detail page on Taro’s H5 components', () => {
  it('when an overdue case opens, then status, deadline and overdue are said in words', async () => {
    mocked.getMyCase.mockResolvedValue(recordedCase());
    const { container } = render(<CaseDetailPage />);

    expect(await screen.findByText('已超期')).toBeTruthy();
    expect(container.querySelector('.detail__status')?.textContent).toBe('已派单');
    expect(screen.getByText(/前办结（已超期）$/)).toBeTruthy();
    expect(screen.getAllByText('●')).toHaveLength(1);
    expect(mocked.getMyCase).toHaveBeenCalledWith(CASE_ID);
  });

  it('when 撤回 is confirmed, then the case is withdrawn and its new status shows', async () => {
    mocked.getMyCase.mockResolvedValue(submittedCase());
    mocked.withdrawMyCase.mockResolvedValue(submittedCase({ status: 'withdrawn', canWithdraw: false }));
    const { container } = render(<CaseDetailPage />);
    await screen.findByText('撤回');

    await act(async () => {
      fireEvent.click(container.querySelector('.withdraw-button') as Element);
    });

    expect(await screen.findByText('已撤回')).toBeTruthy();
    expect(container.querySelector('.detail__status')?.textContent).toBe('已撤回');
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回诉求' }));
    expect(container.querySelector('.withdraw-button')).toBeNull();
  });

  it('when the case is closed, then 评价办理结果 opens its survey', async () => {
    mocked.getMyCase.mockResolvedValue(recordedCase({ status: 'closed', overdue: false }));
    const { container } = render(<CaseDetailPage />);
    await screen.findByText('已办结');

    fireEvent.click(container.querySelector('.rate-button') as Element);

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/survey/index?caseId=${CASE_ID}` });
  });

  it('when the case cannot be read, then the message and 重试 show', async () => {
    mocked.getMyCase.mockRejectedValue(new Error('boom'));
    render(<CaseDetailPage />);
    expect(await screen.findByText('加载失败，请稍后再试')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
