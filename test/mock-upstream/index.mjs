export { startMockUpstream } from './start-mock-upstream.mjs';
