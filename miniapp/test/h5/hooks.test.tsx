import { act, renderHook, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { DRAFT_STORAGE_KEY, useCaseDraft } from '../../src/hooks/useCaseDraft';
import { useCareMode } from '../../src/hooks/useCareMode';
import { useLoad } from '../../src/hooks/useLoad';
import { usePages } from '../../src/hooks/usePages';
import { ApiError } from '../../src/services/http';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-mock').taroMock());

const storage = (Taro as unknown as { storage: Map<string, unknown> }).storage;

beforeEach(() => storage.clear());

describe('usePages', () => {
  it('when the bottom is reached, then the next page is appended until the total is reached', async () => {
    const load = jest.fn(async (page: number) => ({ items: [`row ${page}`], total: 2 }));
    const { result } = renderHook(() => usePages(load, 'k'));
    await waitFor(() => expect(result.current.items).toEqual(['row 1']));
    expect(result.current.hasMore).toBe(true);

    await act(() => result.current.loadMore());

    expect(result.current.items).toEqual(['row 1', 'row 2']);
    expect(result.current.hasMore).toBe(false);
    await act(() => result.current.loadMore());
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('when a later page fails, then the rows shown stay and the next try asks for the same page', async () => {
    const load = jest
      .fn<Promise<{ items: string[]; total: number }>, [number]>()
      .mockResolvedValueOnce({ items: ['a'], total: 2 })
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ items: ['b'], total: 2 });
    const { result } = renderHook(() => usePages(load, 'k'));
    await waitFor(() => expect(result.current.items).toEqual(['a']));

    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(['a']);
    await act(() => result.current.loadMore());

    expect(result.current.items).toEqual(['a', 'b']);
    expect(load.mock.calls.map(([page]) => page)).toEqual([1, 2, 2]);
  });
});

describe('useLoad', () => {
  it('when the call is refused, then the BFF’s message is the error', async () => {
    const { result } = renderHook(() =>
      useLoad(() => Promise.reject(new ApiError(404, 'NOT_FOUND', '找不到相关内容')), 'k'),
    );
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error).toBe('找不到相关内容');
  });
});

describe('useCaseDraft', () => {
  it('when a draft from before photos and map positions existed is restored, then what was typed stays', () => {
    storage.set(DRAFT_STORAGE_KEY, {
      type: 'help',
      category: 'C04',
      content: '路灯坏了一个星期了',
      address: '沙澧河',
      contactName: '',
      phone: '13800138000',
      anonymous: false,
      confidential: false,
      privacyConsent: true,
      idempotencyKey: 'draft-key-0123456789',
    });
    const { result } = renderHook(() => useCaseDraft(undefined));
    expect(result.current.draft).toMatchObject({
      content: '路灯坏了一个星期了',
      photos: [],
      latitude: null,
      longitude: null,
      phoneCode: '',
      idempotencyKey: 'draft-key-0123456789',
    });
  });

  it('when photos are in the stored draft, then they come back, and broken entries are dropped', () => {
    storage.set(DRAFT_STORAGE_KEY, {
      type: 'help',
      category: '',
      content: '',
      photos: [{ id: '01JDQ40000000000000000PH01', path: 'wxfile://a.jpg' }, { id: 3 }],
      address: '',
      latitude: 33.5,
      longitude: null,
      contactName: '',
      phone: '',
      phoneCode: '',
      anonymous: false,
      confidential: false,
      privacyConsent: false,
      idempotencyKey: 'draft-key-0123456789',
    });
    const { result } = renderHook(() => useCaseDraft(undefined));
    expect(result.current.draft.photos).toEqual([{ id: '01JDQ40000000000000000PH01', path: 'wxfile://a.jpg' }]);
    expect(result.current.draft.latitude).toBeNull();
  });
});

describe('useCareMode', () => {
  it('when one page switches care mode on, then another page’s hook follows', () => {
    const first = renderHook(() => useCareMode());
    const second = renderHook(() => useCareMode());
    expect(second.result.current.on).toBe(false);

    act(() => first.result.current.set(true));

    expect(second.result.current.on).toBe(true);
    expect(storage.get('care-mode')).toBe('on');
  });
});
