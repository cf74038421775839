import { loadCity } from '@hotline/config';
import { CityContext } from '../../src/modules/city/city-context';

const city = new CityContext(loadCity('luohe'));

describe('the Luohe city configuration', () => {
  test('when loaded, then it has 1 city, 8 county-level units and 58 townships', () => {
    const counties = city.profile.region.children;
    expect(counties).toHaveLength(8);
    expect(counties.flatMap((c) => c.children)).toHaveLength(58);
  });

  test('when categories are listed, then the 26 disclosure areas come first, then the city categories', () => {
    expect(city.categories.filter((c) => c.kind === 'disclosure_area')).toHaveLength(26);
    expect(city.category('A25')).toMatchObject({ name: '医疗卫生', aliases: ['卫生健康'] });
    expect(city.category('C04')?.kind).toBe('city_category');
    expect(city.category('nope')).toBeUndefined();
  });
});

describe('resolving a region from an address', () => {
  test.each([
    ['河南省漯河市郾城区沙北街道黄河路100号', '郾城区沙北街道 → township', '411103001'],
    ['漯河市舞阳县某小区3号楼', 'county only', '411121'],
    ['源汇区人民路', 'county only', '411102'],
    ['北京市朝阳区', 'outside the city', null],
  ])('when the address is %s (%s), then the region is %s', (address, _why, code) => {
    expect(city.resolveRegion(address)?.code ?? null).toBe(code);
  });
});
