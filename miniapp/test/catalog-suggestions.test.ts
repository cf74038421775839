import { act, renderHook } from '@testing-library/react';
import { useCatalogSuggestions } from '../src/hooks/useCatalogSuggestions';
import { api } from '../src/services/api';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
jest.mock('../src/services/api', () => ({ api: { catalogSuggest: jest.fn() } }));

const suggest = api.catalogSuggest as jest.Mock;
const TEXT = '请问低保怎么申请，需要什么材料';

// The lookup waits for a pause in typing; the test moves time itself, so "nothing was looked up" is checked
// after the whole delay has passed, not after a guess at it.
describe('catalog suggestions while typing', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    suggest.mockReset().mockResolvedValue({ items: [], sample: false });
  });
  afterEach(() => jest.useRealTimers());

  test('when the case is not a consultation, then nothing is looked up however long the citizen waits', async () => {
    renderHook(() => useCatalogSuggestions(TEXT, false));
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(suggest).not.toHaveBeenCalled();
  });

  test('when a consultation is typed, then one lookup follows the pause, none before it', async () => {
    const { rerender } = renderHook(({ text }) => useCatalogSuggestions(text, true), {
      initialProps: { text: '请问' },
    });
    rerender({ text: TEXT });
    await act(async () => {
      jest.advanceTimersByTime(599);
    });
    expect(suggest).not.toHaveBeenCalled();
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    expect(suggest.mock.calls).toEqual([[TEXT]]);
  });
});
