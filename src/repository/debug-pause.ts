// Test hook: ARCHETYPE_DEBUG_PAUSE=<point> makes a process wait there (lives in shared so that ingest can pause too).
export { debugPause } from '../shared/debug-pause.js';
