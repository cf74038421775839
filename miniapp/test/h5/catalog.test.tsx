import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import CatalogItemPage from '../../src/pages/catalog/item';
import CatalogSearch from '../../src/pages/catalog/search';
import { api } from '../../src/services/api';
import { SEARCH_HIT, item } from '../fake-catalog';

jest.mock('@tarojs/taro', () => jest.requireActual('./taro-mock').taroMock({ region: '411100', key: '411100.0001' }));
jest.mock('../../src/services/api', () => ({ api: { catalogItem: jest.fn(), catalogSearch: jest.fn() } }));

const mocked = api as jest.Mocked<typeof api>;
const meta = { region: { code: '411100', name: '漯河市' }, version: 1, effectiveDate: '2026-11-01', sample: true };

describe('政务公开 pages on Taro’s H5 components', () => {
  it('when an item loads, then every column, its origin and the sample-data label show', async () => {
    mocked.catalogItem.mockResolvedValue({
      ...meta,
      item: item('411100.0001'),
      area: { code: 'A19', name: '社会救助' },
    });
    const { container } = render(<CatalogItemPage />);

    expect(await screen.findByText('最低生活保障 / 低保审批结果1')).toBeTruthy();
    expect(screen.getByText('来源：继承自漯河市')).toBeTruthy();
    expect(screen.getByText(item('x').basis)).toBeTruthy();
    expect(container.querySelectorAll('.item-column')).toHaveLength(13);
    expect(container.querySelector('.sample-notice')?.textContent).toContain('示例数据');
    expect(mocked.catalogItem).toHaveBeenCalledWith('411100', '411100.0001');
  });

  it('when an item has published documents, then each shows its title, date, 索引号 and link', async () => {
    mocked.catalogItem.mockResolvedValue({
      ...meta,
      item: item('411100.0001'),
      area: { code: 'A19', name: '社会救助' },
      documents: [
        {
          id: '01D0C000000000000000000001',
          title: '2026年第三季度城乡低保审批结果公示',
          url: 'https://www.luohe.gov.cn/zwgk/dbgs/2026q3.html',
          publishedOn: '2026-10-12',
          indexNumber: '411100-MZJ-2026-0031',
        },
      ],
    });
    const { container } = render(<CatalogItemPage />);

    expect(await screen.findByText('2026年第三季度城乡低保审批结果公示')).toBeTruthy();
    expect(screen.getByText('https://www.luohe.gov.cn/zwgk/dbgs/2026q3.html')).toBeTruthy();
    expect(container.querySelector('.item-document__meta')?.textContent).toBe(
      '发布日期 2026-10-12 · 索引号 411100-MZJ-2026-0031',
    );
    expect(container.querySelector('.item-documents__none')).toBeNull();
  });

  it('when a search is typed and sent, then hits show with the matched words marked', async () => {
    mocked.catalogSearch.mockResolvedValue({ page: 1, pageSize: 20, total: 1, hits: [SEARCH_HIT], sample: true });
    const { container } = render(<CatalogSearch />);
    // Stencil renders the real input inside the custom element a moment after it is attached.
    const input = await waitFor(() => {
      const found = container.querySelector('.search-input input');
      if (!found) throw new Error('no input inside .search-input yet');
      return found;
    });

    await act(async () => {
      fireEvent.input(input, { target: { value: '低保' } });
    });
    await act(async () => {
      fireEvent.click(container.querySelector('.search-button') as Element);
    });

    expect(await screen.findByText('共找到1项')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('.hit')).map((node) => node.textContent)).toEqual(['低保', '低保']);
    expect(mocked.catalogSearch).toHaveBeenCalledWith({ q: '低保', region: '411100', page: 1, pageSize: 20 });
  });
});
