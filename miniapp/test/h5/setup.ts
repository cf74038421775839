import { loadCity } from '../../../config/src/city';

// The build-time switches Taro's H5 runtime reads (set by the Taro build, not present under jest).
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: false,
  DEPRECATED_ADAPTER_COMPONENT: false,
});

// What the build defines from config/cities/ (config/build-settings.ts), for pages that show the city's facts.
const { name, citizenService } = loadCity('luohe');
Object.assign(globalThis, { HOTLINE_CITY: { name, ...citizenService } });
