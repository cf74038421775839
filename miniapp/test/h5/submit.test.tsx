import { act, fireEvent, render, screen } from '@testing-library/react';
import SubmitCase from '../../src/pages/submit/index';
import { api } from '../../src/services/api';
import { CATEGORIES, submittedCase } from '../fake-bff';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-mock').taroMock({ type: 'consultation' }));
jest.mock('../../src/services/api', () => ({
  api: { listCategories: jest.fn(), createCase: jest.fn(), catalogSuggest: jest.fn(), uploadPhoto: jest.fn() },
}));

const mocked = api as jest.Mocked<typeof api>;

beforeEach(() => {
  jest.clearAllMocks();
  mocked.listCategories.mockResolvedValue(CATEGORIES);
  mocked.createCase.mockResolvedValue(submittedCase());
});

/** Taro's H5 Textarea is a custom element around a real textarea; typing goes to the inner one. */
function typeContent(container: HTMLElement, text: string): void {
  const textarea = container.querySelector('.content-input textarea');
  if (!textarea) throw new Error('no textarea inside .content-input');
  fireEvent.input(textarea, { target: { value: text } });
}

describe('submit page on Taro’s H5 components', () => {
  it('when opened from 咨询, then 咨询 is chosen and the counter starts at zero', async () => {
    const { container } = render(<SubmitCase />);
    expect(await screen.findByText('请选择诉求分类')).toBeTruthy();
    expect(container.querySelector('.type-option--active')?.textContent).toBe('咨询');
    expect(container.querySelector('.content-count')?.textContent).toBe('0/2000');
  });

  it('when text is typed, then the live counter counts characters', async () => {
    const { container } = render(<SubmitCase />);
    await screen.findByText('请选择诉求分类');
    await act(async () => typeContent(container, '路灯坏了👍'));
    expect(container.querySelector('.content-count')?.textContent).toBe('5/2000');
  });

  it('when submit is tapped on an empty form, then each field says what is missing and nothing is sent', async () => {
    const { container } = render(<SubmitCase />);
    await screen.findByText('请选择诉求分类');

    await act(async () => {
      fireEvent.click(container.querySelector('.submit-button') as Element);
    });

    expect(container.querySelector('.field-error--category')?.textContent).toBe('请选择诉求分类');
    expect(container.querySelector('.field-error--content')?.textContent).toBe('诉求内容至少10个字');
    expect(container.querySelector('.field-error--privacyConsent')?.textContent).toBe('请阅读并同意隐私保护指引');
    expect(mocked.createCase).not.toHaveBeenCalled();
  });
});
