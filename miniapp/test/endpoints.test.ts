import { contract } from '@hotline/shared-types';
import { endpoints } from '../src/services/endpoints';

describe('the endpoint table the mini-program bundles', () => {
  it.each(Object.entries(endpoints))(
    'when %s is compared with the shared contract, then method and path agree',
    (name, route) => {
      const shared = contract[name as keyof typeof contract];
      expect({ method: shared.method, path: shared.path }).toEqual(route);
    },
  );
});
